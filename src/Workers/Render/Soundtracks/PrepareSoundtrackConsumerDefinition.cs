using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Soundtracks;

/// <summary>
/// Concurrency and retry of <see cref="PrepareSoundtrackConsumer"/>, on the render role's endpoint: one at a time, in the
/// endpoint's one delivery beyond <see cref="WorkerOptions.RenderConcurrency"/>, so it runs beside the shots it goes with.
/// </summary>
public sealed class PrepareSoundtrackConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<PrepareSoundtrackConsumer>(options, _ => 1, RoleEndpoints.Render, o => o.RenderEndpointConcurrency);
