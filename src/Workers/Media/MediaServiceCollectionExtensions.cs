using AiProd.Workers.Common;
using AiProd.Workers.Qa;
using AiProd.Workers.Rendering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Workers.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ffmpeg-based local renderer, composer, technical QA and offline semantic QA (singletons), with
    /// options from the <c>Media</c>, <c>Render</c> and <c>Qa</c> sections, validated at start-up.
    /// </summary>
    public static IServiceCollection AddAiProdMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MediaOptions>(configuration, MediaOptions.Section);
        services.AddValidatedOptions<RenderOptions>(configuration, RenderOptions.Section);
        services.AddValidatedOptions<QaOptions>(configuration, QaOptions.Section);

        services.AddSingleton<MediaTool>();
        services.AddSingleton<FfmpegEncoder>();
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<LocalShotRenderer>();
        // Registered as IShotRenderer too, so a backend router can enumerate every renderer.
        services.AddSingleton<IShotRenderer>(sp => sp.GetRequiredService<LocalShotRenderer>());
        services.AddTransient<ShotRenderChain>();
        services.AddSingleton<IVideoComposer, FfmpegVideoComposer>();
        services.AddSingleton<ITechnicalQa, FfprobeTechnicalQa>();
        services.AddSingleton<ISemanticQa, OfflineSemanticQa>();
        return services;
    }
}
