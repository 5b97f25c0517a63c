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
    /// that stage waits on (<see cref="StepCommands"/>) and moves the step deadline to the new stage's
    /// (<see cref="MoveStepDeadline"/>); entering Complete or Failed drops it instead. Everything goes out through the outbox (<see cref="SagaOutbox"/>).
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
                ClearDeadline(c.Saga);
                c.Saga.PendingApproval = null;
            })
            : entered.MoveStepDeadline();
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
    /// Arms a fresh step deadline for the current stage visit, <see cref="PipelineOptions.StepDeadline"/> from now: a
    /// delayed <see cref="StepDeadlinePassed"/> to the saga's own endpoint with a new token, through the outbox. Any
    /// deadline armed before is replaced (its token no longer matches, so it is ignored if it still arrives). For a
    /// resend and a resume, where the one on its way may have been lost or has just arrived.
    /// </summary>
    public static EventActivityBinder<VideoState, T> ScheduleStepDeadline<T>(this EventActivityBinder<VideoState, T> binder)
        where T : class
    {
        var machine = Machine(binder);
        return binder.Then(c => SetDeadline(c, machine, keepArmed: false));
    }

    /// <summary>
    /// Moves the current stage visit's step deadline to <see cref="PipelineOptions.StepDeadline"/> from now, for
    /// progress and a new stage. The deadline message already on its way is kept when it would arrive no later than
    /// the new due time (it re-arms itself for the rest then, <see cref="RearmStepDeadline"/>), so a transition sends no
    /// delayed message of its own; otherwise (none on its way, or the new deadline is sooner) a fresh one is armed.
    /// </summary>
    public static EventActivityBinder<VideoState, T> MoveStepDeadline<T>(this EventActivityBinder<VideoState, T> binder)
        where T : class
    {
        var machine = Machine(binder);
        return binder.Then(c => SetDeadline(c, machine, keepArmed: true));
    }

    /// <summary>
    /// Whether a delivered deadline is the one on its way but the due time was moved past the time it was armed for:
    /// it came early and is sent again for the difference (<see cref="RearmStepDeadline"/>). Judged from the saga's
    /// own two times, not from its clock, since the delay is kept by the transport.
    /// </summary>
    public static bool IsEarly(VideoState video, StepDeadlinePassed deadline) =>
        deadline.Token is { } token && token == video.StepDeadlineToken
        && video.StepDeadlineArmedUnixMs is { } armed && video.StepDeadlineDueUnixMs is { } due && due > armed;

    /// <summary>Sends an early deadline (<see cref="IsEarly"/>) again, with a new token, for what is left of it.</summary>
    public static EventActivityBinder<VideoState, StepDeadlinePassed> RearmStepDeadline(this EventActivityBinder<VideoState, StepDeadlinePassed> binder)
    {
        var machine = Machine(binder);
        return binder.Then(c =>
        {
            var due = c.Saga.StepDeadlineDueUnixMs!.Value;
            Arm(c, machine.Time.GetUtcNow(), due, TimeSpan.FromMilliseconds(due - c.Saga.StepDeadlineArmedUnixMs!.Value));
        });
    }

    private static void SetDeadline<T>(BehaviorContext<VideoState, T> c, VideoStateMachine machine, bool keepArmed)
        where T : class
    {
        var now = machine.Time.GetUtcNow();
        // Waiting for people is not a stalled step: AwaitingApproval's deadline is the request's, or none.
        var delay = StageLog.StageOf(c.Saga) == VideoStages.AwaitingApproval ? ApprovalRules.TimeLeft(c.Saga, now) : machine.Options.StepDeadline;
        if (delay is null)
        {
            ClearDeadline(c.Saga);
            return;
        }

        var due = (now + delay.Value).ToUnixTimeMilliseconds();
        if (keepArmed && c.Saga.StepDeadlineToken is not null && c.Saga.StepDeadlineArmedUnixMs is { } armed && armed <= due)
        {
            c.Saga.StepDeadlineDueUnixMs = due;
            return;
        }

        Arm(c, now, due, delay.Value);
    }

    private static void Arm<T>(BehaviorContext<VideoState, T> c, DateTimeOffset now, long due, TimeSpan delay)
        where T : class
    {
        var token = Guid.NewGuid();
        c.Saga.StepDeadlineToken = token;
        c.Saga.StepDeadlineDueUnixMs = due;
        c.Saga.StepDeadlineArmedUnixMs = due;
        // Unordered: on an ordered subscription (Pub/Sub) a message waiting for its delivery time would hold back
        // every later event of the video.
        SagaOutbox.Send(c, now, RoleEndpoints.SagaAddress,
            new StepDeadlinePassed(c.Saga.CorrelationId, c.Saga.StageAttempt, StageLog.StageOf(c.Saga)) { Token = token },
            delay, unordered: true);
    }

    /// <summary>No deadline pending: whatever is still on its way matches nothing.</summary>
    internal static void ClearDeadline(VideoState video)
    {
        video.StepDeadlineToken = null;
        video.StepDeadlineDueUnixMs = null;
        video.StepDeadlineArmedUnixMs = null;
    }

    private static VideoStateMachine Machine<T>(EventActivityBinder<VideoState, T> binder)
        where T : class =>
        binder.StateMachine as VideoStateMachine
        ?? throw new InvalidOperationException($"{nameof(StageTransitions)} serves {nameof(VideoStateMachine)} only.");
}
