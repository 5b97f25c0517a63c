namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga on entering QaTech; consumed by the QA worker's technical gate.
/// </summary>
public sealed record RunTechnicalQa(Guid VideoId, int Attempt, string AssetUri, VideoRequest Request, IReadOnlyList<ShotTiming> Timeline) : IVideoMessage;
