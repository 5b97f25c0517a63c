using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AiProd.Media;

/// <summary>
/// Readiness of a host that renders or checks video: ffmpeg and ffprobe can be started as <c>Media:FfmpegPath</c> and
/// <c>Media:FfprobePath</c> say. Unhealthy with code <c>ffmpeg_missing</c> and the setting to fix (never the path), so a
/// worker without ffmpeg shows it on <c>/health</c> and in its start-up log instead of failing every step it takes.
/// </summary>
public sealed class MediaToolsHealthCheck(IOptions<MediaOptions> options) : IHealthCheck
{
    public const string Name = "media-tools";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Problem() is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy("ffmpeg and ffprobe found"));

    /// <summary>What is missing, as "ffmpeg_missing: …", or null when both tools are there.</summary>
    public string? Problem()
    {
        var o = options.Value;
        MediaExecutable[] tools =
        [
            new(o.FfmpegPath, $"{MediaOptions.Section}:{nameof(MediaOptions.FfmpegPath)}", "ffmpeg"),
            new(o.FfprobePath, $"{MediaOptions.Section}:{nameof(MediaOptions.FfprobePath)}", "ffprobe"),
        ];
        var missing = tools.FirstOrDefault(t => !t.Exists());
        return missing is null ? null : $"ffmpeg_missing: {MediaExecutable.Missing(missing, "start-up").Message}";
    }
}
