using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiProd.Media;

/// <summary>Says at start-up, in the log, when ffmpeg or ffprobe is missing; the host still starts (its /health is unhealthy).</summary>
internal sealed class MediaToolsStartupCheck(MediaToolsHealthCheck check, ILogger<MediaToolsStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (check.Problem() is { } problem)
            logger.LogError("Video steps will fail on this host: {Problem}", problem);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
