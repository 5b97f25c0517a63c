using AiProd.Assets;
using AiProd.Media;
using AiProd.Workers.Common;
using AiProd.Workers.Qa.Consistency;
using AiProd.Workers.Qa.Gemini;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa;

/// <summary>The QA role: the technical gate (ffprobe and ffmpeg signals) and the semantic judgement.</summary>
public static class QaWorkerExtensions
{
    /// <summary>The role's services, the asset store, and its two consumers on the <c>qa-worker</c> endpoint.</summary>
    public static IHostApplicationBuilder AddQaWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWorkerOptions(builder.Configuration);
        builder.Services.AddAiProdAssets(builder.Configuration);
        builder.Services.AddQaServices(builder.Configuration);
        builder.ConfigureBus(bus =>
        {
            bus.AddConsumer<RunTechnicalQaConsumer, RunTechnicalQaConsumerDefinition>();
            bus.AddConsumer<RunSemanticQaConsumer, RunSemanticQaConsumerDefinition>();
        });
        return builder;
    }

    /// <summary>
    /// Technical QA and the offline semantic evaluator (singletons), options from sections <c>Qa</c> and <c>Media</c>;
    /// Gemini judges in place of the offline evaluator when <c>Qa:SemanticEvaluator</c> or a configured key selects it.
    /// </summary>
    public static IServiceCollection AddQaServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediaTools(configuration);
        services.AddValidatedOptions<QaOptions>(configuration, QaOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        // Technical QA's decode measures the semantic signals too and leaves them here for the semantic stage.
        services.AddSingleton<QaSignalCache>();
        services.AddSingleton<ITechnicalQa, FfprobeTechnicalQa>();
        // The embedding model is the process's one instance (SentenceEmbeddings.Shared), loaded on the first narrative score.
        services.AddSingleton(sp => new NarrativeFlow(
            sp.GetRequiredService<IOptions<QaOptions>>().Value.NarrativeSimilarity, SentenceEmbeddings.Shared, sp.GetRequiredService<ILogger<NarrativeFlow>>()));
        services.AddSingleton<ConsistencyScorer>();
        services.AddSingleton<ISemanticQa, OfflineSemanticQa>();
        services.AddGeminiSemanticQaIfSelected(configuration);
        return services;
    }
}
