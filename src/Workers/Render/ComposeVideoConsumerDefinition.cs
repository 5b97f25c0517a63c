using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>Concurrency and retry of <see cref="ComposeVideoConsumer"/>, on the render role's endpoint.</summary>
public sealed class ComposeVideoConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<ComposeVideoConsumer>(options, o => o.RenderConcurrency, RoleEndpoints.Render, o => o.RenderEndpointConcurrency);
