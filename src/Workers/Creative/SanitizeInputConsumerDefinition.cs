using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative;

/// <summary>Concurrency and retry of <see cref="SanitizeInputConsumer"/>, on the creative role's endpoint.</summary>
public sealed class SanitizeInputConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<SanitizeInputConsumer>(options, o => o.PlanningConcurrency, RoleEndpoints.Creative);
