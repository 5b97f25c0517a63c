using AiProd.Providers.Gemini;
using AiProd.Workers.Creative.Direction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Workers.Creative.Gemini;

internal static class GeminiDirectorRegistration
{
    /// <summary>Gemini in place of the offline director when <c>Creative:Director</c> (or a configured key) selects it.</summary>
    public static void AddGeminiDirectorIfSelected(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.AddGeminiClient(configuration).Director)
            return;
        // Transient: each resolves a fresh typed HttpClient, so the factory can rotate handlers.
        services.TryAddSingleton<OfflineCreativeDirector>();
        services.AddTransient<GeminiCreativeDirector>();
        services.Replace(ServiceDescriptor.Transient<ICreativeDirector, GeminiOrOfflineDirector>());
    }
}
