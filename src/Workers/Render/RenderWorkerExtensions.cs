using AiProd.Assets;
using AiProd.Media;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Hosted;
using AiProd.Workers.Render.Narration.Google;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>The render role: one shot at a time on the chosen backends, then the composition of the video.</summary>
public static class RenderWorkerExtensions
{
    /// <summary>The role's services, the asset store, and its consumers (shots, composition, the soundtrack made ahead, the storyboard's animatic) on the <c>render-worker</c> endpoint.</summary>
    public static IHostApplicationBuilder AddRenderWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWorkerOptions(builder.Configuration);
        builder.Services.AddAiProdAssets(builder.Configuration);
        builder.Services.AddRenderServices(builder.Configuration);
        builder.ConfigureBus(bus =>
        {
            bus.AddConsumer<RenderShotConsumer, RenderShotConsumerDefinition>();
            bus.AddConsumer<ComposeVideoConsumer, ComposeVideoConsumerDefinition>();
            bus.AddConsumer<RenderAnimaticConsumer, RenderAnimaticConsumerDefinition>();
            bus.AddConsumer<Soundtracks.PrepareSoundtrackConsumer, Soundtracks.PrepareSoundtrackConsumerDefinition>();
        });
        return builder;
    }

    /// <summary>
    /// The local ffmpeg renderer, the hosted backends whose keys are configured (Veo 3, Runway, Replicate), the render
    /// chain that tries them in the financial step's order, and the composer; options from sections <c>Render</c>,
    /// <c>Media</c> and the prices of <c>Financial</c>.
    /// </summary>
    public static IServiceCollection AddRenderServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediaTools(configuration);
        services.AddValidatedOptions<RenderOptions>(configuration, RenderOptions.Section);
        services.AddValidatedOptions<Caching.RenderCacheOptions>(configuration, Caching.RenderCacheOptions.Section);
        services.AddSingleton<Caching.RenderCache>();
        services.AddOptions<BackendPrices>().Bind(configuration.GetSection(BackendPrices.Section));
        services.AddSingleton<LocalShotRenderer>();
        // Registered as IShotRenderer too, so the render chain can enumerate every renderer.
        services.AddSingleton<IShotRenderer>(sp => sp.GetRequiredService<LocalShotRenderer>());
        services.AddTransient<ShotRenderChain>();
        services.AddSingleton<AnimaticMaker>();
        services.AddSingleton<Narration.ITextToSpeech, Narration.EspeakTextToSpeech>();
        services.AddGoogleTextToSpeechIfConfigured(configuration);
        services.AddSingleton<TransitionWindows>();
        // The transition windows encoded ahead live in the asset store: without one (a host that only composes files) none are looked up.
        services.AddSingleton<IVideoComposer>(sp => new FfmpegVideoComposer(
            sp.GetRequiredService<FfmpegEncoder>(), sp.GetRequiredService<MediaProbe>(), sp.GetRequiredService<Narration.ITextToSpeech>(),
            sp.GetRequiredService<IOptions<RenderOptions>>(), sp.GetRequiredService<ILogger<FfmpegVideoComposer>>(),
            sp.GetService<IAssetStore>() is null ? null : sp.GetRequiredService<TransitionWindows>()));
        services.AddSingleton<Soundtracks.SoundtrackMaker>();
        services.AddSingleton<Soundtracks.PreparedSoundtracks>();
        services.AddSingleton<Formats.FormatReframer>();
        services.AddHostedRenderers(configuration);
        return services;
    }
}
