using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa;

/// <summary>Concurrency and retry of <see cref="RunSemanticQaConsumer"/>, on the qa role's endpoint.</summary>
public sealed class RunSemanticQaConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<RunSemanticQaConsumer>(options, o => o.QaConcurrency, RoleEndpoints.Qa);
