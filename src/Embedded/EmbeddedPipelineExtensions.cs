using Microsoft.Extensions.Hosting;

namespace AiProd.Embedded;

/// <summary>Embedded mode: every role in one process, the sum of the roles' own registrations.</summary>
public static class EmbeddedPipelineExtensions
{
    /// <summary>
    /// The orchestrator and the creative, financial, render, QA and delivery workers in this host, exactly as their
    /// own services register them. On the in-memory bus (the default) that is the whole product on one machine; on
    /// Pub/Sub this process takes its share of every role's work beside any separate services.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddedPipeline(this IHostApplicationBuilder builder)
    {
        foreach (var (_, add) in PipelineRoles.All)
            add(builder);
        return builder;
    }
}
