using AiProd.Sanitizing;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Analysis;
using AiProd.Workers.Creative.Direction;
using AiProd.Workers.Creative.Gemini;
using AiProd.Workers.Creative.Visual;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Workers.Creative;

/// <summary>The creative role: sanitize, analyse, direct and translate into shots (no media code, no assets).</summary>
public static class CreativeWorkerExtensions
{
    /// <summary>The role's services and its four consumers on the <c>creative-worker</c> endpoint.</summary>
    public static IHostApplicationBuilder AddCreativeWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWorkerOptions(builder.Configuration);
        builder.Services.AddCreativeServices(builder.Configuration);
        builder.ConfigureBus(bus =>
        {
            bus.AddConsumer<SanitizeInputConsumer, SanitizeInputConsumerDefinition>();
            bus.AddConsumer<AnalyzeRequestConsumer, AnalyzeRequestConsumerDefinition>();
            bus.AddConsumer<DirectCreativeConsumer, DirectCreativeConsumerDefinition>();
            bus.AddConsumer<TranslateVisualsConsumer, TranslateVisualsConsumerDefinition>();
        });
        return builder;
    }

    /// <summary>
    /// The sanitizer, analyzer, director and visual translator as singletons (pure and stateless); Gemini directs in
    /// place of the offline director when <c>Creative:Director</c> or a configured key selects it.
    /// </summary>
    public static IServiceCollection AddCreativeServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddInputSanitizer(configuration);
        services.AddSingleton<IRequestAnalyzer, RequestAnalyzer>();
        services.AddSingleton<ICreativeDirector, OfflineCreativeDirector>();
        services.AddSingleton<IVisualTranslator, VisualTranslator>();
        services.AddGeminiDirectorIfSelected(configuration);
        return services;
    }
}
