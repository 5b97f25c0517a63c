using AiProd.Contracts;
using AiProd.Saga.Activities;
using AiProd.Saga.Decisions;
using AiProd.Saga.Outbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AiProd.Saga;

/// <summary>
/// Drives a video through the 11 states (see README.md beside this file for the transition table).
/// Every command carries the attempt of the stage visit it belongs to; an event for another attempt is stale and ignored.
/// Each working stage has a step deadline the saga schedules for itself (<see cref="StepDeadline"/>), so no process
/// has to scan the store for stalled videos. Nothing is sent straight to the transport: every command, event and
/// deadline goes into the video's outbox, saved with the state (<see cref="SagaOutbox"/>).
/// </summary>
public sealed partial class VideoStateMachine : MassTransitStateMachine<VideoState>
{
    private readonly PipelineOptions _options;

    public VideoStateMachine(IOptions<PipelineOptions> options, TimeProvider time)
    {
        _options = options.Value;
        Time = time;
        InstanceState(x => x.CurrentState);

        Event(() => GenerateVideo, e => e.CorrelateById(c => c.Message.VideoId));
        Correlate(() => InputSanitized, () => InputRejected, () => RequestAnalyzed, () => CreativeDirected, () => VisualsTranslated);
        Correlate(() => CostEstimated, () => BudgetExceeded, () => ShotRendered, () => VideoComposed);
        Correlate(() => TechnicalQaCompleted, () => SemanticQaCompleted, () => VideoFinalized, () => StepFailed, () => VideoResumeRequested);
        Event(() => StepDeadline, e => e.CorrelateById(c => c.Message.VideoId));
        Event(() => CommandFaulted, e =>
        {
            e.CorrelateById(c => c.Message.Message.VideoId);
            e.OnMissingInstance(m => m.Discard());
        });

        OnUnhandledEvent(context => context.Ignore());
        // The deadline on its way arrived before the due time it was moved to (progress, a new stage): it goes again.
        DuringAny(When(StepDeadline, c => StageTransitions.IsEarly(c.Saga, c.Message)).RearmStepDeadline());
        DuringApproval();
        DuringEditing();

        // A video is created by the GenerateVideo that names it (from the gateway, or any system on the bus), or stored
        // by the gateway in Accepted first, with that GenerateVideo in its outbox.
        Initially(
            When(GenerateVideo, HasRequest).Start(this),
            When(GenerateVideo, c => !HasRequest(c)).Reject(this));
        During(Accepted,
            When(GenerateVideo, HasRequest).Start(this),
            When(GenerateVideo, c => !HasRequest(c)).Reject(this),
            When(VideoResumeRequested, IsCurrentStage).StartStored(this));

        During(InputSanitizer,
            When(InputSanitized, IsCurrent)
                .Then(c =>
                {
                    c.Saga.Sanitized = c.Message.Result;
                    c.Saga.Request = c.Message.Result.Request;
                })
                .EnterStage(Analysis, c => Warnings(c.Message.Result)),
            When(InputRejected, IsCurrent)
                .FailWith(Failed, c => Rejection(c.Message)));

        During(Analysis,
            When(RequestAnalyzed, IsCurrent)
                .Then(c => c.Saga.Analysis = c.Message.Analysis)
                .Then(c =>
                {
                    c.Saga.CreativeAttempts = 1;
                    c.Saga.Revision = 1;
                })
                .EnterStage(Creative, c => $"complexity {c.Message.Analysis.Complexity:0.00}, {c.Message.Analysis.SceneCount} scene(s)"));

        During(Creative,
            When(CreativeDirected, IsCurrent)
                .Then(c => c.Saga.Direction = c.Message.Direction)
                .EnterStage(Visual, c => $"{c.Message.Direction.Scenes.Count} scene(s)"));

        During(Visual,
            When(VisualsTranslated, IsCurrent)
                .Then(c => c.Saga.Shots = [.. c.Message.Shots])
                .EnterStage(Financial, c => $"{c.Message.Shots.Count} shot(s)"));

        During(Financial,
            When(CostEstimated, IsCurrent)
                .Then(c => c.Saga.Estimate = c.Message.Estimate)
                .IfElse(c => ApprovalRules.Requires(c.Saga, ApprovalPoints.Storyboard),
                    wait => AwaitApproval(wait, ApprovalPoints.Storyboard, c => $"{c.Message.Estimate.Backend} at ${c.Message.Estimate.EstimatedUsd:0.00}: storyboard to approve"),
                    go => go.EnterStage(Render, c => $"{c.Message.Estimate.Backend} at ${c.Message.Estimate.EstimatedUsd:0.00}")),
            When(BudgetExceeded, IsCurrent)
                .FailWith(Failed, c => new VideoError(VideoStages.Financial, "budget_exceeded", c.Message.Message, Retryable: false)));

        During(Render,
            When(ShotRendered, IsCurrent)
                .Then(c => RecordRender(c.Saga, c.Message.Shot))
                .If(c => IsNewShotOfPlan(c.Saga, c.Message.Shot),
                    progress => progress
                        .Then(c => AcceptShot(c.Saga, c.Message.Shot))
                        .MoveStepDeadline()
                        .If(c => !c.Saga.ComposeRequested && c.Saga.Shots.All(s => c.Saga.RenderedShots.ContainsKey(s.ShotId)),
                            complete => complete.Activity(x => x.OfInstanceType<SendStepCommandsActivity>()))),
            When(VideoComposed, IsCurrent)
                .Then(c =>
                {
                    c.Saga.ComposedAssetUri = c.Message.AssetUri;
                    c.Saga.ComposedDurationSeconds = c.Message.DurationSeconds;
                    c.Saga.Timeline = [.. c.Message.Timeline];
                })
                .EnterStage(QaTech, c => $"composed {c.Message.DurationSeconds:0.00}s"));

        During(QaTech,
            When(TechnicalQaCompleted, IsCurrent)
                .Then(c => c.Saga.TechnicalQa = c.Message.Report)
                .IfElse(c => AfterTechnicalQa(c) is QaNextStep.Proceed,
                    pass => pass
                        .EnterStage(QaSemantic, c => $"passed {c.Message.Report.PassedChecks}/{c.Message.Report.TotalChecks}"),
                    fail => fail.IfElse(c => AfterTechnicalQa(c) is QaNextStep.ReRender,
                        again => again
                            .Then(c => PrepareReRender(c.Saga, c.Message.Report.SuspectShotIds))
                            .EnterStage(Render, c => $"technical QA failed ({string.Join("; ", c.Message.Report.Reasons)}): re-render {Describe(c.Message.Report.SuspectShotIds)}"),
                        stop => stop
                            .FailWith(Failed, c => ((QaNextStep.Fail)AfterTechnicalQa(c)).Error))));

        During(QaSemantic,
            When(SemanticQaCompleted, IsCurrent)
                .Then(c => c.Saga.SemanticQa = c.Message.Report)
                .IfElse(c => AfterSemanticQa(c) is QaNextStep.Proceed,
                    pass => pass.IfElse(c => ApprovalRules.Requires(c.Saga, ApprovalPoints.Final),
                        wait => AwaitApproval(wait, ApprovalPoints.Final, c => $"overall {c.Message.Report.Overall.Score:0.0}: final cut to approve"),
                        go => go.EnterStage(Finalize, c => $"overall {c.Message.Report.Overall.Score:0.0}")),
                    fail => fail.IfElse(c => AfterSemanticQa(c) is QaNextStep.Refine,
                        again => again
                            .Then(c => PrepareRefine(c.Saga, c.Message.Report))
                            .EnterStage(Creative, c => $"semantic QA {c.Message.Report.Overall.Score:0.0} < {c.Message.Report.Threshold:0.0}: refine"),
                        stop => stop
                            .FailWith(Failed, c => ((QaNextStep.Fail)AfterSemanticQa(c)).Error))));

        During(Finalize,
            When(VideoFinalized, IsCurrent)
                .Then(c =>
                {
                    c.Saga.AssetUri = c.Message.AssetUri;
                    c.Saga.ManifestUri = c.Message.ManifestUri;
                })
                .EnterStage(Complete, c => "delivered")
                .Then(c => SagaOutbox.Publish(c, Time.GetUtcNow(), new VideoCompleted(
                    c.Saga.CorrelationId, c.Message.AssetUri, c.Message.ManifestUri, c.Saga.ComposedDurationSeconds,
                    c.Saga.Estimate?.EstimatedUsd ?? 0m, c.Saga.ActualCostUsd, c.Saga.TechnicalQa?.PassedChecks ?? 0,
                    c.Saga.SemanticQa?.Overall.Score ?? 0, Time.GetUtcNow())
                {
                    DownloadUrl = c.Message.DownloadUrl,
                })));

        During([InputSanitizer, Analysis, Creative, Visual, Financial, Render, QaTech, QaSemantic, Finalize],
            When(StepFailed, IsCurrent)
                .Then(c =>
                {
                    if (c.Message.FailedRender is { } failed && !c.Saga.FailedRenders.Any(f => f.ShotId == failed.ShotId && f.Attempt == failed.Attempt))
                        c.Saga.FailedRenders.Add(failed);
                })
                .FailWith(Failed, c => new VideoError(c.Message.Stage, c.Message.Code, c.Message.Message, c.Message.Retryable)),
            When(StepDeadline, IsCurrentDeadline)
                .Then(Arrived)
                .IfElse(c => c.Saga.StageResends < _options.MaxStepResends,
                    resend => resend
                        .Then(c =>
                        {
                            c.Saga.StageResends++;
                            c.Saga.UpdatedAt = Time.GetUtcNow();
                        })
                        .Activity(x => x.OfInstanceType<SendStepCommandsActivity>())
                        .ScheduleStepDeadline(),
                    stop => stop.FailWith(Failed, c => new VideoError(
                        StageLog.StageOf(c.Saga),
                        "step_timed_out",
                        $"The {StageLog.StageOf(c.Saga)} step made no progress within {_options.StepDeadline} after its commands were sent {1 + c.Saga.StageResends} time(s); a worker may be down.",
                        Retryable: true))),
            // After a restart on a transport that kept nothing: send again and schedule a fresh deadline, no resend counted.
            When(VideoResumeRequested, IsCurrentStage)
                .Then(c => c.Saga.UpdatedAt = Time.GetUtcNow())
                .Activity(x => x.OfInstanceType<SendStepCommandsActivity>())
                .ScheduleStepDeadline(),
            When(CommandFaulted, c => c.Message.Message.Attempt == c.Saga.StageAttempt && IsCommandFault(c.Message))
                .FailWith(Failed, c => FromFault(c.Saga, c.Message)));
    }

    /// <summary>Stored by the gateway before its 202, with the GenerateVideo that starts it waiting in its outbox.</summary>
    public State Accepted { get; private set; } = null!;
    public State InputSanitizer { get; private set; } = null!;
    public State Analysis { get; private set; } = null!;
    public State Creative { get; private set; } = null!;
    public State Visual { get; private set; } = null!;
    public State Financial { get; private set; } = null!;
    public State Render { get; private set; } = null!;
    public State QaTech { get; private set; } = null!;
    public State QaSemantic { get; private set; } = null!;
    public State Finalize { get; private set; } = null!;

    /// <summary>Optional: waits for the request's approvers (<see cref="VideoState.PendingApproval"/>).</summary>
    public State AwaitingApproval { get; private set; } = null!;
    public State Complete { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<GenerateVideo> GenerateVideo { get; private set; } = null!;
    public Event<InputSanitized> InputSanitized { get; private set; } = null!;
    public Event<InputRejected> InputRejected { get; private set; } = null!;
    public Event<RequestAnalyzed> RequestAnalyzed { get; private set; } = null!;
    public Event<CreativeDirected> CreativeDirected { get; private set; } = null!;
    public Event<VisualsTranslated> VisualsTranslated { get; private set; } = null!;
    public Event<CostEstimated> CostEstimated { get; private set; } = null!;
    public Event<BudgetExceeded> BudgetExceeded { get; private set; } = null!;
    public Event<ShotRendered> ShotRendered { get; private set; } = null!;
    public Event<VideoComposed> VideoComposed { get; private set; } = null!;
    public Event<TechnicalQaCompleted> TechnicalQaCompleted { get; private set; } = null!;
    public Event<SemanticQaCompleted> SemanticQaCompleted { get; private set; } = null!;
    public Event<VideoFinalized> VideoFinalized { get; private set; } = null!;
    public Event<StepFailed> StepFailed { get; private set; } = null!;
    public Event<VideoResumeRequested> VideoResumeRequested { get; private set; } = null!;
    public Event<Fault<IVideoMessage>> CommandFaulted { get; private set; } = null!;
    public Event<ApproveVideo> ApproveVideo { get; private set; } = null!;
    public Event<RejectVideo> RejectVideo { get; private set; } = null!;

    /// <summary>The current stage visit's deadline; its token is <see cref="VideoState.StepDeadlineToken"/>.</summary>
    public Event<StepDeadlinePassed> StepDeadline { get; private set; } = null!;

    /// <summary>Where the saga's clock comes from (history, timestamps of the public events).</summary>
    internal TimeProvider Time { get; }

    internal PipelineOptions Options => _options;

    private void Correlate<T1, T2, T3, T4>(
        System.Linq.Expressions.Expression<Func<Event<T1>>> e1,
        System.Linq.Expressions.Expression<Func<Event<T2>>> e2,
        System.Linq.Expressions.Expression<Func<Event<T3>>> e3,
        System.Linq.Expressions.Expression<Func<Event<T4>>> e4)
        where T1 : class, IVideoMessage
        where T2 : class, IVideoMessage
        where T3 : class, IVideoMessage
        where T4 : class, IVideoMessage
    {
        Event(e1, e => e.CorrelateById(c => c.Message.VideoId));
        Event(e2, e => e.CorrelateById(c => c.Message.VideoId));
        Event(e3, e => e.CorrelateById(c => c.Message.VideoId));
        Event(e4, e => e.CorrelateById(c => c.Message.VideoId));
    }

    private void Correlate<T1, T2, T3, T4, T5>(
        System.Linq.Expressions.Expression<Func<Event<T1>>> e1,
        System.Linq.Expressions.Expression<Func<Event<T2>>> e2,
        System.Linq.Expressions.Expression<Func<Event<T3>>> e3,
        System.Linq.Expressions.Expression<Func<Event<T4>>> e4,
        System.Linq.Expressions.Expression<Func<Event<T5>>> e5)
        where T1 : class, IVideoMessage
        where T2 : class, IVideoMessage
        where T3 : class, IVideoMessage
        where T4 : class, IVideoMessage
        where T5 : class, IVideoMessage
    {
        Correlate(e1, e2, e3, e4);
        Event(e5, e => e.CorrelateById(c => c.Message.VideoId));
    }

    private static bool IsCurrent<T>(BehaviorContext<VideoState, T> context)
        where T : class, IVideoMessage => context.Message.Attempt == context.Saga.StageAttempt;

    /// <summary>
    /// The deadline the saga armed last, come due (its token is the current one, whatever stage it was armed in, since a
    /// transition moves the deadline on its way rather than sending another), or one without a token for this stage
    /// visit (published by hand).
    /// </summary>
    private static bool IsCurrentDeadline(BehaviorContext<VideoState, StepDeadlinePassed> c) =>
        c.Message.Token is { } token
            ? token == c.Saga.StepDeadlineToken && !StageTransitions.IsEarly(c.Saga, c.Message)
            : IsCurrent(c) && c.Message.Stage == StageLog.StageOf(c.Saga);

    /// <summary>A deadline that came due is no longer on its way: whatever the saga does next arms a fresh one.</summary>
    private static void Arrived(BehaviorContext<VideoState, StepDeadlinePassed> c)
    {
        if (c.Message.Token is { } token && token == c.Saga.StepDeadlineToken)
            c.Saga.StepDeadlineArmedUnixMs = null;
    }

    /// <summary>A GenerateVideo off the bus may lack its request (a hand-made message); that one fails at once.</summary>
    private static bool HasRequest(BehaviorContext<VideoState, GenerateVideo> c) => c.Message.Request is not null;

    private static bool IsCurrentStage(BehaviorContext<VideoState, VideoResumeRequested> c) =>
        IsCurrent(c) && c.Message.Stage == StageLog.StageOf(c.Saga);

    /// <summary>
    /// A fault of a command a worker could not carry out. Events faulted in the saga's own endpoint (its store was out
    /// of reach past its retries) arrive here too, since they are video messages; they say nothing about a worker and
    /// leave the video to its deadline and the stalled-video sweep.
    /// </summary>
    private static bool IsCommandFault(Fault<IVideoMessage> fault) => fault.FaultMessageTypes.Any(CommandUrns.Contains);

    private static readonly HashSet<string> CommandUrns = [.. RoleEndpoints.Commands.Keys.Select(t => MessageUrn.ForTypeString(t))];

    private QaNextStep AfterTechnicalQa(BehaviorContext<VideoState, TechnicalQaCompleted> c) =>
        QaDecisions.AfterTechnicalQa(c.Message.Report, c.Saga.ReRenders, _options);

    private QaNextStep AfterSemanticQa(BehaviorContext<VideoState, SemanticQaCompleted> c) =>
        QaDecisions.AfterSemanticQa(c.Message.Report, c.Saga.CreativeAttempts, _options);

    /// <summary>The ledger counts every paid render once, whether or not the plan still needs the shot.</summary>
    private static void RecordRender(VideoState video, RenderedShot shot)
    {
        if (!video.RenderLedger.Any(r => r.ShotId == shot.ShotId && r.Attempt == shot.Attempt))
            video.RenderLedger.Add(shot);
    }

    private static bool IsNewShotOfPlan(VideoState video, RenderedShot shot) =>
        video.Shots.Any(s => s.ShotId == shot.ShotId) && !video.RenderedShots.ContainsKey(shot.ShotId);

    /// <summary>The plan keeps the first accepted clip per shot; a new one is progress, so the resends start over.</summary>
    private void AcceptShot(VideoState video, RenderedShot shot)
    {
        video.RenderedShots.Add(shot.ShotId, shot);
        video.StageResends = 0;
        video.UpdatedAt = Time.GetUtcNow();
    }

    private static void PrepareReRender(VideoState video, IReadOnlyList<string> suspectShotIds)
    {
        video.ReRenders++;
        foreach (var id in suspectShotIds)
            video.RenderedShots.Remove(id);
    }

    private void PrepareRefine(VideoState video, SemanticQaReport report)
    {
        Archive(video, $"semantic QA {report.Overall.Score:0.0} < {report.Threshold:0.0}: refined");
        video.ReviewerNotes = [];
        video.CreativeAttempts++;
        video.ReRenders = 0;
        video.Shots = [];
        video.RenderedShots = [];
        video.Timeline = [];
        video.ComposedAssetUri = null;
    }

    private static string Describe(IReadOnlyList<string> shotIds) =>
        shotIds.Count == 0 ? "compose again" : $"{shotIds.Count} shot(s): {string.Join(", ", shotIds)}";

    private static string? Warnings(SanitizedRequest result) =>
        result.Warnings.Count == 0 ? "clean" : string.Join("; ", result.Warnings);

    private static VideoError Rejection(InputRejected rejected)
    {
        var first = rejected.Violations.FirstOrDefault();
        var message = rejected.Violations.Count == 0
            ? "The request was rejected."
            : string.Join(" ", rejected.Violations.Select(v => $"{v.Field}: {v.Message}"));
        return new VideoError(VideoStages.InputSanitizer, first?.Code ?? "input_rejected", message, Retryable: false);
    }

    private static VideoError FromFault(VideoState video, Fault<IVideoMessage> fault)
    {
        var exception = fault.Exceptions.FirstOrDefault();
        var command = fault.FaultMessageTypes.FirstOrDefault()?.Split(':').LastOrDefault() ?? "a step";
        return new VideoError(
            StageLog.StageOf(video),
            "worker_fault",
            $"{command} kept failing after its retries: {exception?.Message ?? "unknown error"}",
            Retryable: true);
    }
}
