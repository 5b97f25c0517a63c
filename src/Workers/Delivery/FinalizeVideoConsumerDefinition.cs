using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Delivery;

/// <summary>Concurrency and retry of <see cref="FinalizeVideoConsumer"/>, on the delivery role's endpoint.</summary>
public sealed class FinalizeVideoConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<FinalizeVideoConsumer>(options, o => o.PlanningConcurrency, RoleEndpoints.Delivery);
