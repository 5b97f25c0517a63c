using AiProd.Providers.Gemini;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Workers.Qa.Gemini;

internal static class GeminiSemanticQaRegistration
{
    /// <summary>Gemini in place of the offline evaluator when <c>Qa:SemanticEvaluator</c> (or a configured key) selects it.</summary>
    public static void AddGeminiSemanticQaIfSelected(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.AddGeminiClient(configuration).SemanticQa)
            return;
        services.TryAddSingleton<OfflineSemanticQa>();
        services.AddTransient<KeyframeExtractor>();
        services.AddTransient<GeminiSemanticQa>();
        services.Replace(ServiceDescriptor.Transient<ISemanticQa, GeminiOrOfflineSemanticQa>());
    }
}
