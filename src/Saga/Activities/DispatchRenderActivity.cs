using AiProd.Contracts;
using MassTransit;

namespace AiProd.Saga.Activities;

/// <summary>
/// Entering Render: fans out one <see cref="RenderShot"/> per shot of the plan that is not rendered yet
/// (a re-render round redoes only the shots QA rejected); when every shot is already in, composes at once.
/// </summary>
public sealed class DispatchRenderActivity : IStateMachineActivity<VideoState>
{
    public void Probe(ProbeContext context) => context.CreateScope("dispatch-render");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    public async Task Execute(BehaviorContext<VideoState> context, IBehavior<VideoState> next)
    {
        await Dispatch(context);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<VideoState, T> context, IBehavior<VideoState, T> next)
        where T : class
    {
        await Dispatch(context);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<VideoState, TException> context, IBehavior<VideoState> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<VideoState, T, TException> context, IBehavior<VideoState, T> next)
        where T : class
        where TException : Exception => next.Faulted(context);

    private static async Task Dispatch(BehaviorContext<VideoState> context)
    {
        var video = context.Saga;
        video.ComposeRequested = false;
        var missing = video.Shots.Where(s => !video.RenderedShots.ContainsKey(s.ShotId)).ToList();
        if (missing.Count == 0)
        {
            await ComposeWhenComplete(context);
            return;
        }

        var estimate = video.Estimate ?? throw new InvalidOperationException("Render entered without a cost estimate.");
        foreach (var shot in missing)
            await context.Publish(new RenderShot(video.CorrelationId, video.StageAttempt, shot, estimate.Backend, estimate.FallbackChain));
    }

    /// <summary>Sends <see cref="ComposeVideo"/> once per render round, when every shot of the plan is rendered.</summary>
    public static async Task ComposeWhenComplete(BehaviorContext<VideoState> context)
    {
        var video = context.Saga;
        if (video.ComposeRequested || video.Shots.Any(s => !video.RenderedShots.ContainsKey(s.ShotId)))
            return;

        video.ComposeRequested = true;
        var clips = video.Shots.OrderBy(s => s.Order).Select(s => video.RenderedShots[s.ShotId]).ToList();
        await context.Publish(new ComposeVideo(video.CorrelationId, video.StageAttempt, video.Request, video.Shots, clips));
    }
}
