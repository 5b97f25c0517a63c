using AiProd.Contracts;
using AiProd.Saga.Tests;
using MassTransit;

namespace AiProd.Bench.Orchestration;

/// <summary>
/// Workers that answer every command at once with a valid result (the saga tests' samples), on the role endpoints the
/// real workers use, so a run measures the orchestration and the bus, not rendering. Shared by the plain baseline and
/// our saga: both send the same commands and receive the same events.
/// </summary>
internal sealed class InstantCreative : IConsumer<SanitizeInput>, IConsumer<AnalyzeRequest>, IConsumer<DirectCreative>, IConsumer<TranslateVisuals>
{
    public Task Consume(ConsumeContext<SanitizeInput> context) =>
        context.Publish(new InputSanitized(context.Message.VideoId, context.Message.Attempt, Samples.Sanitized(context.Message.Request)));

    public Task Consume(ConsumeContext<AnalyzeRequest> context) =>
        context.Publish(new RequestAnalyzed(context.Message.VideoId, context.Message.Attempt, Samples.Analysis()));

    public Task Consume(ConsumeContext<DirectCreative> context) =>
        context.Publish(new CreativeDirected(context.Message.VideoId, context.Message.Attempt, Samples.Direction(context.Message.Attempt)));

    public Task Consume(ConsumeContext<TranslateVisuals> context) =>
        context.Publish(new VisualsTranslated(context.Message.VideoId, context.Message.Attempt,
            Samples.Shots(context.Message.Direction.Attempt, OrchestrationBench.ShotsPerVideo)));
}

internal sealed class InstantFinancial : IConsumer<EstimateCost>
{
    public Task Consume(ConsumeContext<EstimateCost> context) =>
        context.Publish(new CostEstimated(context.Message.VideoId, context.Message.Attempt, Samples.Estimate()));
}

internal sealed class InstantRender : IConsumer<RenderShot>, IConsumer<ComposeVideo>, IConsumer<PrepareSoundtrack>
{
    /// <summary>As the render worker: the soundtrack is stored for compose and nothing is published (unconsumed, the
    /// command would be moved to the endpoint's skipped queue, a cost no deployment pays).</summary>
    public Task Consume(ConsumeContext<PrepareSoundtrack> context) => Task.CompletedTask;

    public Task Consume(ConsumeContext<RenderShot> context) =>
        context.Publish(new ShotRendered(context.Message.VideoId, context.Message.Attempt, Samples.Rendered(context.Message.Shot, context.Message.Attempt)));

    public Task Consume(ConsumeContext<ComposeVideo> context)
    {
        var at = 0.0;
        var timeline = new List<ShotTiming>();
        foreach (var shot in context.Message.Shots)
        {
            timeline.Add(new ShotTiming(shot.ShotId, at, shot.DurationSeconds));
            at += shot.DurationSeconds;
        }

        return context.Publish(new VideoComposed(context.Message.VideoId, context.Message.Attempt, $"file:///bench/{context.Message.VideoId}.mp4", at, timeline));
    }
}

internal sealed class InstantQa : IConsumer<RunTechnicalQa>, IConsumer<RunSemanticQa>
{
    public Task Consume(ConsumeContext<RunTechnicalQa> context) =>
        context.Publish(new TechnicalQaCompleted(context.Message.VideoId, context.Message.Attempt, Samples.TechPass()));

    public Task Consume(ConsumeContext<RunSemanticQa> context) =>
        context.Publish(new SemanticQaCompleted(context.Message.VideoId, context.Message.Attempt, Samples.Semantic(9.0)));
}

internal sealed class InstantDelivery : IConsumer<FinalizeVideo>
{
    public Task Consume(ConsumeContext<FinalizeVideo> context) =>
        context.Publish(new VideoFinalized(context.Message.VideoId, context.Message.Attempt, context.Message.AssetUri, $"file:///bench/{context.Message.VideoId}.json"));
}

/// <summary>Puts an instant worker on its role's endpoint, as the real worker's definition does.</summary>
internal abstract class InstantDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected InstantDefinition(string endpoint)
    {
        Endpoint(e =>
        {
            e.Name = endpoint;
            e.ConfigureConsumeTopology = false;
        });
        ConcurrentMessageLimit = 32;
    }
}

internal sealed class InstantCreativeDefinition() : InstantDefinition<InstantCreative>(RoleEndpoints.Creative);

internal sealed class InstantFinancialDefinition() : InstantDefinition<InstantFinancial>(RoleEndpoints.Financial);

internal sealed class InstantRenderDefinition() : InstantDefinition<InstantRender>(RoleEndpoints.Render);

internal sealed class InstantQaDefinition() : InstantDefinition<InstantQa>(RoleEndpoints.Qa);

internal sealed class InstantDeliveryDefinition() : InstantDefinition<InstantDelivery>(RoleEndpoints.Delivery);

/// <summary>Where each video's end is reported: ours publishes VideoCompleted or VideoFailed, the baseline PlainCompleted.</summary>
internal sealed class Completions
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, TaskCompletionSource<bool>> _waiting = new();

    public Task<bool> For(Guid id) => _waiting.GetOrAdd(id, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Ended(Guid id, bool completed) =>
        _waiting.GetOrAdd(id, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(completed);
}

internal sealed class CompletionProbe(Completions completions) : IConsumer<VideoCompleted>, IConsumer<VideoFailed>, IConsumer<PlainCompleted>
{
    public Task Consume(ConsumeContext<VideoCompleted> context)
    {
        completions.Ended(context.Message.VideoId, true);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<VideoFailed> context)
    {
        completions.Ended(context.Message.VideoId, false);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<PlainCompleted> context)
    {
        completions.Ended(context.Message.VideoId, true);
        return Task.CompletedTask;
    }
}
