using AiProd.Workers.Analysis;
using AiProd.Workers.Creative;
using AiProd.Workers.Financial;
using AiProd.Workers.Sanitizing;
using AiProd.Workers.Visual;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Workers.Common;

/// <summary>Wires the planning stages (sanitize, analyze, direct, translate, estimate) of the pipeline.</summary>
public static class PlanningServiceCollectionExtensions
{
    /// <summary>
    /// Registers the five planning services as singletons (they are pure and stateless) and binds their options from
    /// the "Sanitizer" and "Financial" sections, validated when the host starts so bad configuration fails fast.
    /// </summary>
    public static IServiceCollection AddAiProdPlanning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<SanitizerOptions>(configuration, SanitizerOptions.Section);
        services.AddValidatedOptions<FinancialOptions>(configuration, FinancialOptions.Section);

        services.AddSingleton<IInputSanitizer, InputSanitizer>();
        services.AddSingleton<IRequestAnalyzer, RequestAnalyzer>();
        services.AddSingleton<ICreativeDirector, OfflineCreativeDirector>();
        services.AddSingleton<IVisualTranslator, VisualTranslator>();
        services.AddSingleton<ICostEstimator, CostEstimator>();
        return services;
    }
}
