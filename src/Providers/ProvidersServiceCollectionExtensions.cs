using AiProd.Providers.Gemini;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Providers;

/// <summary>Wires the hosted providers that configuration enables (section <c>Providers</c>).</summary>
public static class ProvidersServiceCollectionExtensions
{
    /// <summary>
    /// Registers the hosted clients whose sections are configured, next to the offline implementations that
    /// <c>AddAiProdMedia</c> and <c>AddAiProdPlanning</c> register; with no <c>Providers</c> section nothing changes.
    /// </summary>
    public static IServiceCollection AddAiProdProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddGemini(configuration);
        services.AddAiProdRenderProviders(configuration);
        return services;
    }
}
