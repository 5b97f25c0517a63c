using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// The ffmpeg/ffprobe tools (process runner, encoder, probe) with options from section <c>Media</c>, checked at
    /// start-up, and the readiness check that both tools can be started (<see cref="MediaToolsHealthCheck"/>, also
    /// logged at start-up). Used by the render and QA roles only; safe to call from both in one host.
    /// </summary>
    public static IServiceCollection AddMediaTools(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(MediaTool)))
            return services;
        services.AddValidatedOptions<MediaOptions>(configuration, MediaOptions.Section);
        services.TryAddSingleton<MediaTool>();
        services.TryAddSingleton<FfmpegEncoder>();
        services.TryAddSingleton<MediaProbe>();
        services.TryAddSingleton<MediaToolsHealthCheck>();
        services.AddHostedService<MediaToolsStartupCheck>();
        services.AddHealthChecks().AddCheck<MediaToolsHealthCheck>(MediaToolsHealthCheck.Name);
        return services;
    }
}
