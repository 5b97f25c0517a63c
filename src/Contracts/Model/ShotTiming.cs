namespace AiProd.Contracts;

/// <summary>Where a shot sits in the composed video; lets QA map a defect to the shots it touches.</summary>
public sealed record ShotTiming(string ShotId, double StartSeconds, double DurationSeconds);
