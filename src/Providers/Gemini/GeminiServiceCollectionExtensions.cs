using AiProd.Providers.Caching;
using AiProd.Providers.Http;
using AiProd.Workers.Creative;
using AiProd.Workers.Qa;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Providers.Gemini;

public static class GeminiServiceCollectionExtensions
{
    /// <summary>
    /// Puts Gemini in place of the offline director and/or semantic evaluator as <see cref="GeminiSelection"/> decides,
    /// with the typed client on the shared resilience pipeline and the two caches. Call after <c>AddAiProdPlanning</c>
    /// and <c>AddAiProdMedia</c>, whose registrations it replaces. With nothing selected it registers nothing.
    /// </summary>
    public static IServiceCollection AddGemini(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration[$"{GeminiOptions.Section}:{nameof(GeminiOptions.ApiKey)}"];
        if (string.IsNullOrWhiteSpace(key))
            key = configuration[GeminiOptions.EnvironmentKey];
        var selection = GeminiSelection.Decide(configuration[GeminiSelection.DirectorKey], configuration[GeminiSelection.EvaluatorKey], !string.IsNullOrWhiteSpace(key));
        if (!selection.Any)
            return services;

        services.AddProviderHttpClient<GeminiClient, GeminiOptions>(configuration, GeminiOptions.Section);
        services.PostConfigure<GeminiOptions>(o =>
        {
            if (!o.HasKey)
                o.ApiKey = configuration[GeminiOptions.EnvironmentKey];
        });
        services.AddMetrics();
        services.AddHybridCache();
        services.TryAddSingleton<ProviderCacheMetrics>();
        services.TryAddSingleton<GeminiCaches>();

        // Transient: each resolves a fresh typed HttpClient, so the factory can rotate handlers.
        if (selection.Director)
        {
            services.TryAddSingleton<OfflineCreativeDirector>();
            services.AddTransient<GeminiCreativeDirector>();
            services.Replace(ServiceDescriptor.Transient<ICreativeDirector, GeminiOrOfflineDirector>());
        }

        if (selection.SemanticQa)
        {
            services.TryAddSingleton<OfflineSemanticQa>();
            services.AddTransient<KeyframeExtractor>();
            services.AddTransient<GeminiSemanticQa>();
            services.Replace(ServiceDescriptor.Transient<ISemanticQa, GeminiOrOfflineSemanticQa>());
        }

        return services;
    }
}
