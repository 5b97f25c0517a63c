using AiProd.Providers.Caching;
using AiProd.Providers.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Providers.Gemini;

public static class GeminiServiceCollectionExtensions
{
    /// <summary>
    /// Decides which stages use Gemini (<see cref="GeminiSelection"/>) and, when any does, registers the typed client on
    /// the shared resilience pipeline and the two caches. The creative and QA roles call it, then put their Gemini
    /// implementation in place of the offline one for the stage that is selected.
    /// </summary>
    public static GeminiSelection AddGeminiClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration[$"{GeminiOptions.Section}:{nameof(GeminiOptions.ApiKey)}"];
        if (string.IsNullOrWhiteSpace(key))
            key = configuration[GeminiOptions.EnvironmentKey];
        var selection = GeminiSelection.Decide(configuration[GeminiSelection.DirectorKey], configuration[GeminiSelection.EvaluatorKey], !string.IsNullOrWhiteSpace(key));
        if (!selection.Any || services.Any(d => d.ServiceType == typeof(GeminiClient)))
            return selection;

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
        return selection;
    }
}
