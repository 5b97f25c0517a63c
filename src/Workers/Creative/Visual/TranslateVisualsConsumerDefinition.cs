using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Creative.Visual;

/// <summary>Concurrency and retry of <see cref="TranslateVisualsConsumer"/>, on the creative role's endpoint.</summary>
public sealed class TranslateVisualsConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<TranslateVisualsConsumer>(options, o => o.PlanningConcurrency, RoleEndpoints.Creative);
