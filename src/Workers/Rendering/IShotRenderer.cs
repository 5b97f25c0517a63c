using AiProd.Contracts;

namespace AiProd.Workers.Rendering;

/// <summary>Renders one shot to a clip file. One implementation per backend; the local one uses ffmpeg.</summary>
public interface IShotRenderer
{
    /// <summary>Backend name, as used in cost estimates ("local", "veo3", ...).</summary>
    string Backend { get; }

    /// <summary>Renders <paramref name="shot"/> into <paramref name="outputFile"/> (MP4) and returns what it cost.</summary>
    Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, CancellationToken cancellationToken);
}

/// <summary>The clip's measured length and the backend's cost for it.</summary>
public sealed record ShotRenderResult(double DurationSeconds, decimal CostUsd);
