using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>Concurrency and retry of <see cref="RenderShotConsumer"/>, on the render role's endpoint.</summary>
public sealed class RenderShotConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<RenderShotConsumer>(options, o => o.RenderConcurrency, RoleEndpoints.Render, o => o.RenderEndpointConcurrency);
