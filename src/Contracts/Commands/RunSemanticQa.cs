namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga on entering QaSemantic; consumed by the QA worker's semantic evaluator.
/// </summary>
public sealed record RunSemanticQa(Guid VideoId, int Attempt, string AssetUri, VideoRequest Request, CreativeDirection Direction, IReadOnlyList<Shot> Shots, IReadOnlyList<ShotTiming> Timeline) : IVideoMessage;
