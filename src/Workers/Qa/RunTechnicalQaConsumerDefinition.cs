using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa;

/// <summary>Concurrency and retry of <see cref="RunTechnicalQaConsumer"/>, on the qa role's endpoint.</summary>
public sealed class RunTechnicalQaConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<RunTechnicalQaConsumer>(options, o => o.QaConcurrency, RoleEndpoints.Qa);
