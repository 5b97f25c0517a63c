using AiProd.Contracts;
using AiProd.Saga.Activities;
using AiProd.Saga.Decisions;
using AiProd.Saga.Outbox;
using MassTransit;

namespace AiProd.Saga;

/// <summary>
/// The two ways the saga moves: into the next stage, or into Failed. Both record the history and publish
/// <see cref="VideoStateChanged"/>, and keep the step deadline in step (scheduled in a working stage, none in
/// Complete or Failed), so no transition can forget any of them.
/// </summary>
public static class StageTransitions
{
    /// <summary>
    /// Leaves the current stage with <paramref name="outcome"/>, enters <paramref name="state"/>, sends the commands
    /// that stage waits on (<see cref="StepCommands"/>) and schedules its deadline; entering Complete or Failed
    /// drops it instead. Everything goes out through the outbox (<see cref="SagaOutbox"/>).
    /// </summary>
    public static EventActivityBinder<VideoState, T> EnterStage<T>(
        this EventActivityBinder<VideoState, T> binder,
        State state,
        Func<BehaviorContext<VideoState, T>, string?> outcome)
        where T : class
    {
        var machine = Machine(binder);
        var entered = binder
            .Then(c => StageLog.Enter(c.Saga, state.Name, outcome(c), machine.Time.GetUtcNow()))
            .TransitionTo(state)
            .Then(c => PipelineMetrics.Transitioned(c.Saga))
            .Then(c => SagaOutbox.Publish(c, machine.Time.GetUtcNow(), StageLog.Changed(c.Saga)))
            .Activity(x => x.OfInstanceType<SendStepCommandsActivity>());
        return state.Name is VideoStages.Complete or VideoStages.Failed
            ? entered.Then(c =>
            {
                c.Saga.StepDeadlineToken = null;
                c.Saga.StepDeadlineDueUnixMs = null;
                c.Saga.PendingApproval = null;
            })
            : entered.ScheduleStepDeadline();
    }

    /// <summary>Fails the video with <paramref name="error"/> and publishes <see cref="VideoFailed"/>.</summary>
    public static EventActivityBinder<VideoState, T> FailWith<T>(
        this EventActivityBinder<VideoState, T> binder,
        State failed,
        Func<BehaviorContext<VideoState, T>, VideoError> error)
        where T : class
    {
        var machine = Machine(binder);
        return binder
            .Then(c => c.Saga.Error = error(c))
            .EnterStage(failed, c => $"{c.Saga.Error!.Code}: {c.Saga.Error.Message}")
            .Then(c => SagaOutbox.Publish(c, machine.Time.GetUtcNow(), new VideoFailed(c.Saga.CorrelationId, c.Saga.Error!, machine.Time.GetUtcNow())));
    }

    /// <summary>
    /// (Re)schedules the current stage visit's deadline, <see cref="PipelineOptions.StepDeadline"/> from now: a
    /// delayed <see cref="StepDeadlinePassed"/> to the saga's own endpoint with a fresh token, through the outbox.
    /// The one scheduled before is replaced (its token no longer matches, so it is ignored if it still arrives).
    /// </summary>
    public static EventActivityBinder<VideoState, T> ScheduleStepDeadline<T>(this EventActivityBinder<VideoState, T> binder)
        where T : class
    {
        var machine = Machine(binder);
        return binder.Then(c =>
        {
            var now = machine.Time.GetUtcNow();
            // Waiting for people is not a stalled step: AwaitingApproval's deadline is the request's, or none.
            var delay = StageLog.StageOf(c.Saga) == VideoStages.AwaitingApproval ? ApprovalRules.TimeLeft(c.Saga, now) : machine.Options.StepDeadline;
            if (delay is null)
            {
                c.Saga.StepDeadlineToken = null;
                c.Saga.StepDeadlineDueUnixMs = null;
                return;
            }

            var token = Guid.NewGuid();
            c.Saga.StepDeadlineToken = token;
            c.Saga.StepDeadlineDueUnixMs = (now + delay.Value).ToUnixTimeMilliseconds();
            // Unordered: on an ordered subscription (Pub/Sub) a message waiting for its delivery time would hold back
            // every later event of the video.
            SagaOutbox.Send(c, now, RoleEndpoints.SagaAddress,
                new StepDeadlinePassed(c.Saga.CorrelationId, c.Saga.StageAttempt, StageLog.StageOf(c.Saga)) { Token = token },
                delay.Value, unordered: true);
        });
    }

    private static VideoStateMachine Machine<T>(EventActivityBinder<VideoState, T> binder)
        where T : class =>
        binder.StateMachine as VideoStateMachine
        ?? throw new InvalidOperationException($"{nameof(StageTransitions)} serves {nameof(VideoStateMachine)} only.");
}
