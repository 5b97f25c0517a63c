using AiProd.Contracts;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Soundtracks;

/// <summary>Concurrency and retry of <see cref="PrepareSoundtrackConsumer"/>, on the render role's endpoint.</summary>
public sealed class PrepareSoundtrackConsumerDefinition(IOptions<WorkerOptions> options)
    : StepConsumerDefinition<PrepareSoundtrackConsumer>(options, o => o.RenderConcurrency, RoleEndpoints.Render);
