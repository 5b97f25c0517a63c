using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>Concurrency and retry of <see cref="RenderAnimaticConsumer"/>, on the render role's endpoint.</summary>
public sealed class RenderAnimaticConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<RenderAnimaticConsumer>(options, o => o.RenderConcurrency, RoleEndpoints.Render, o => o.RenderEndpointConcurrency);
