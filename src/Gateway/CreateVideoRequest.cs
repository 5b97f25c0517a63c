using AiProd.Contracts;

namespace AiProd.Gateway;

/// <summary>Body of <c>POST /v1/videos</c>; omitted fields take the documented defaults.</summary>
public sealed record CreateVideoRequest(
    string? Prompt,
    double? DurationSeconds,
    string? AspectRatio,
    string? Resolution,
    decimal? BudgetUsd,
    int? FrameRate)
{
    private static readonly VideoRequest Defaults = new(string.Empty);

    public VideoRequest ToRequest() => new(
        Prompt ?? string.Empty,
        DurationSeconds ?? Defaults.DurationSeconds,
        AspectRatio ?? Defaults.AspectRatio,
        Resolution ?? Defaults.Resolution,
        BudgetUsd ?? Defaults.BudgetUsd,
        FrameRate ?? Defaults.FrameRate);
}
