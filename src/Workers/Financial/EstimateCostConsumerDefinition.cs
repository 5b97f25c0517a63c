using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Financial;

/// <summary>Concurrency and retry of <see cref="EstimateCostConsumer"/>, on the financial role's endpoint.</summary>
public sealed class EstimateCostConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<EstimateCostConsumer>(options, o => o.PlanningConcurrency, RoleEndpoints.Financial);
