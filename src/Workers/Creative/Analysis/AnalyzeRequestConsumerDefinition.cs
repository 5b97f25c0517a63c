using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative.Analysis;

/// <summary>Concurrency and retry of <see cref="AnalyzeRequestConsumer"/>, on the creative role's endpoint.</summary>
public sealed class AnalyzeRequestConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<AnalyzeRequestConsumer>(options, o => o.PlanningConcurrency, RoleEndpoints.Creative);
