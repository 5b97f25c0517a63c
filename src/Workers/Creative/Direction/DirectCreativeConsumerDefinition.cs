using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative.Direction;

/// <summary>Concurrency and retry of <see cref="DirectCreativeConsumer"/>, on the creative role's endpoint.</summary>
public sealed class DirectCreativeConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<DirectCreativeConsumer>(options, o => o.PlanningConcurrency, RoleEndpoints.Creative);
