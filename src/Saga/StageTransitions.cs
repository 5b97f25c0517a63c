using AiProd.Contracts;
using AiProd.Saga.Activities;
using MassTransit;

namespace AiProd.Saga;

/// <summary>
/// The two ways the saga moves: into the next stage, or into Failed. Both record the history and publish
/// <see cref="VideoStateChanged"/>, so no transition can forget either.
/// </summary>
public static class StageTransitions
{
    /// <summary>
    /// Leaves the current stage with <paramref name="outcome"/>, enters <paramref name="state"/>, and sends the
    /// commands that stage waits on (<see cref="StepCommands"/>).
    /// </summary>
    public static EventActivityBinder<VideoState, T> EnterStage<T>(
        this EventActivityBinder<VideoState, T> binder,
        State state,
        Func<BehaviorContext<VideoState, T>, string?> outcome)
        where T : class =>
        binder
            .Then(c => StageLog.Enter(c.Saga, state.Name, outcome(c), DateTimeOffset.UtcNow))
            .TransitionTo(state)
            .Publish(c => StageLog.Changed(c.Saga))
            .Activity(x => x.OfInstanceType<SendStepCommandsActivity>());

    /// <summary>Fails the video with <paramref name="error"/> and publishes <see cref="VideoFailed"/>.</summary>
    public static EventActivityBinder<VideoState, T> FailWith<T>(
        this EventActivityBinder<VideoState, T> binder,
        State failed,
        Func<BehaviorContext<VideoState, T>, VideoError> error)
        where T : class =>
        binder
            .Then(c => c.Saga.Error = error(c))
            .EnterStage(failed, c => $"{c.Saga.Error!.Code}: {c.Saga.Error.Message}")
            .Publish(c => new VideoFailed(c.Saga.CorrelationId, c.Saga.Error!, DateTimeOffset.UtcNow));
}
