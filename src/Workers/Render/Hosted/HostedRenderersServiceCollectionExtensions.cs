using AiProd.Providers.Download;
using AiProd.Providers.Http;
using AiProd.Workers.Common;
using AiProd.Workers.Render;
using AiProd.Workers.Render.Hosted;
using AiProd.Workers.Render.Hosted.Replicate;
using AiProd.Workers.Render.Hosted.Runway;
using AiProd.Workers.Render.Hosted.Veo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Workers.Render.Hosted;

/// <summary>Wires the hosted render backends (Veo 3, Runway, Replicate Wan 2.5) whose keys are configured.</summary>
public static class HostedRenderersServiceCollectionExtensions
{
    /// <summary>
    /// Registers each hosted backend as an <see cref="IShotRenderer"/> when its key is configured
    /// (<c>Providers:{Veo|Runway|Replicate}:ApiKey</c>, or the vendor's variable GEMINI_API_KEY, RUNWAYML_API_SECRET,
    /// REPLICATE_API_TOKEN), beside the local renderer; the financial step's chain decides which is tried when.
    /// </summary>
    public static IServiceCollection AddHostedRenderers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<DownloadOptions>(configuration, DownloadOptions.Section);
        services.TryAddSingleton<ProviderDownloader>();
        services.TryAddSingleton<ClipFitter>();
        services.TryAddSingleton<KeyframeMaker>();
        AddBackend<VeoClient, VeoOptions, VeoShotRenderer>(services, configuration, VeoOptions.Section, VeoOptions.VendorKeyVariable);
        AddBackend<RunwayClient, RunwayOptions, RunwayShotRenderer>(services, configuration, RunwayOptions.Section, RunwayOptions.VendorKeyVariable);
        AddBackend<ReplicateClient, ReplicateOptions, ReplicateShotRenderer>(services, configuration, ReplicateOptions.Section, ReplicateOptions.VendorKeyVariable);
        return services;
    }

    /// <summary>The key a backend would use: its section's, else the vendor's environment variable; null when neither is set.</summary>
    public static string? KeyFor(IConfiguration configuration, string section, string vendorVariable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration[$"{section}:ApiKey"];
        return string.IsNullOrWhiteSpace(key) ? NullIfBlank(configuration[vendorVariable]) : key;
    }

    private static void AddBackend<TClient, TOptions, TRenderer>(IServiceCollection services, IConfiguration configuration, string section, string vendorVariable)
        where TClient : class
        where TOptions : RenderProviderOptions
        where TRenderer : class, IShotRenderer
    {
        if (KeyFor(configuration, section, vendorVariable) is not { } key)
            return;
        services.AddProviderHttpClient<TClient, TOptions>(configuration, section);
        services.PostConfigure<TOptions>(o => o.ApiKey = string.IsNullOrWhiteSpace(o.ApiKey) ? key : o.ApiKey);
        // Transient: each render gets a fresh typed HttpClient from the factory (handlers rotate, DNS changes are seen).
        services.AddTransient<IShotRenderer, TRenderer>();
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
