using AiProd.Contracts;
using MassTransit;

namespace AiProd.Bench.Orchestration;

/// <summary>The baseline's end of a video (ours publishes <see cref="VideoCompleted"/>).</summary>
public sealed record PlainCompleted(Guid VideoId);

/// <summary>The plain state machine's instance: what it needs to send the next command, nothing more.</summary>
public sealed class PlainVideoState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string? CurrentState { get; set; }

    public VideoRequest Request { get; set; } = null!;

    public SanitizedRequest? Sanitized { get; set; }

    public RequestAnalysis? Analysis { get; set; }

    public CreativeDirection? Direction { get; set; }

    public List<Shot> Shots { get; set; } = [];

    public List<RenderedShot> Clips { get; set; } = [];

    public List<ShotTiming> Timeline { get; set; } = [];

    public string? AssetUri { get; set; }
}

/// <summary>
/// The baseline of the orchestration bench: a plain MassTransit state machine doing the same transitions as the video
/// saga (the same ten commands to the same role endpoints, one RenderShot per shot with a fan-in, the same events back),
/// and nothing else: no outbox, no step deadlines, no history, no cost ledger, no QA decisions. With
/// <c>publishStateChanges</c> (<see cref="PlainVideoMachineWithEvents"/>) it also publishes the public
/// <see cref="VideoStateChanged"/> on each of its ten stage changes, as any implementation of the wire contract must
/// (docs/contract.md): the baseline then does the same work a video as ours minus what is our own machinery.
/// </summary>
public class PlainVideoMachine : MassTransitStateMachine<PlainVideoState>
{
    public const string Endpoint = "plain-saga";

    private static readonly Uri Creative = RoleEndpoints.AddressFor(typeof(SanitizeInput));
    private static readonly Uri Financial = RoleEndpoints.AddressFor(typeof(EstimateCost));
    private static readonly Uri Render = RoleEndpoints.AddressFor(typeof(RenderShot));
    private static readonly Uri Qa = RoleEndpoints.AddressFor(typeof(RunTechnicalQa));
    private static readonly Uri Delivery = RoleEndpoints.AddressFor(typeof(FinalizeVideo));

    public PlainVideoMachine()
        : this(publishStateChanges: false)
    {
    }

    protected PlainVideoMachine(bool publishStateChanges)
    {
        EventActivityBinder<PlainVideoState, T> Announce<T>(EventActivityBinder<PlainVideoState, T> binder, string from, string to, int percent)
            where T : class =>
            publishStateChanges
                ? binder.Publish(c => new VideoStateChanged(c.Saga.CorrelationId, from, to, percent, null, DateTimeOffset.UtcNow))
                : binder;

        InstanceState(x => x.CurrentState);
        Event(() => Start, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => Sanitized, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => Analyzed, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => Directed, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => Translated, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => Estimated, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => Rendered, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => Composed, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => TechnicalQa, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => SemanticQa, e => e.CorrelateById(m => m.Message.VideoId));
        Event(() => Finalized, e => e.CorrelateById(m => m.Message.VideoId));

        Initially(Announce(When(Start), VideoStages.Init, VideoStages.InputSanitizer, 2)
            .Then(c => c.Saga.Request = c.Message.Request)
            .Send(Creative, c => new SanitizeInput(c.Saga.CorrelationId, 1, c.Saga.Request))
            .TransitionTo(Sanitizing));
        During(Sanitizing, Announce(When(Sanitized), VideoStages.InputSanitizer, VideoStages.Analysis, 5)
            .Then(c => c.Saga.Sanitized = c.Message.Result)
            .Send(Creative, c => new AnalyzeRequest(c.Saga.CorrelationId, 1, c.Message.Result))
            .TransitionTo(Analysing));
        During(Analysing, Announce(When(Analyzed), VideoStages.Analysis, VideoStages.Creative, 10)
            .Then(c => c.Saga.Analysis = c.Message.Analysis)
            .Send(Creative, c => new DirectCreative(c.Saga.CorrelationId, 1, c.Saga.Request, c.Message.Analysis, null, null))
            .TransitionTo(Directing));
        During(Directing, Announce(When(Directed), VideoStages.Creative, VideoStages.Visual, 15)
            .Then(c => c.Saga.Direction = c.Message.Direction)
            .Send(Creative, c => new TranslateVisuals(c.Saga.CorrelationId, 1, c.Saga.Request, c.Message.Direction))
            .TransitionTo(Translating));
        During(Translating, Announce(When(Translated), VideoStages.Visual, VideoStages.Financial, 20)
            .Then(c => c.Saga.Shots = [.. c.Message.Shots])
            .Send(Financial, c => new EstimateCost(c.Saga.CorrelationId, 1, c.Saga.Request, c.Saga.Analysis!, c.Saga.Shots, c.Saga.Request.BudgetUsd))
            .TransitionTo(Estimating));
        During(Estimating, Announce(When(Estimated), VideoStages.Financial, VideoStages.Render, 25)
            .ThenAsync(async c =>
            {
                var endpoint = await c.GetSendEndpoint(Render);
                foreach (var shot in c.Saga.Shots)
                    await endpoint.Send(new RenderShot(c.Saga.CorrelationId, 1, shot, c.Message.Estimate.Backend, []));
            })
            .TransitionTo(Rendering));
        During(Rendering, When(Rendered)
            .Then(c => c.Saga.Clips.Add(c.Message.Shot))
            .If(c => c.Saga.Clips.Count == c.Saga.Shots.Count, all => all
                .Send(Render, c => new ComposeVideo(c.Saga.CorrelationId, 1, c.Saga.Request, c.Saga.Shots, c.Saga.Clips))
                .TransitionTo(Composing)));
        During(Composing, Announce(When(Composed), VideoStages.Render, VideoStages.QaTech, 75)
            .Then(c => (c.Saga.AssetUri, c.Saga.Timeline) = (c.Message.AssetUri, [.. c.Message.Timeline]))
            .Send(Qa, c => new RunTechnicalQa(c.Saga.CorrelationId, 1, c.Saga.AssetUri!, c.Saga.Request, c.Saga.Timeline))
            .TransitionTo(QaTechnical));
        During(QaTechnical, Announce(When(TechnicalQa), VideoStages.QaTech, VideoStages.QaSemantic, 85)
            .Send(Qa, c => new RunSemanticQa(c.Saga.CorrelationId, 1, c.Saga.AssetUri!, c.Saga.Request, c.Saga.Direction!, c.Saga.Shots, c.Saga.Timeline))
            .TransitionTo(QaSemantic));
        During(QaSemantic, Announce(When(SemanticQa), VideoStages.QaSemantic, VideoStages.Finalize, 95)
            .Send(Delivery, c => new FinalizeVideo(c.Saga.CorrelationId, 1, c.Saga.AssetUri!, new VideoManifest(
                c.Saga.CorrelationId, c.Saga.Request, c.Saga.Sanitized, c.Saga.Analysis, c.Saga.Direction, c.Saga.Shots, c.Saga.Clips, null,
                c.Saga.Clips.Sum(s => s.CostUsd), null, c.Message.Report, [], DateTimeOffset.UtcNow)))
            .TransitionTo(Finalizing));
        During(Finalizing, Announce(When(Finalized), VideoStages.Finalize, VideoStages.Complete, 100)
            .Publish(c => new PlainCompleted(c.Saga.CorrelationId))
            .Finalize());
    }

    public State Sanitizing { get; protected set; } = null!;

    public State Analysing { get; protected set; } = null!;

    public State Directing { get; protected set; } = null!;

    public State Translating { get; protected set; } = null!;

    public State Estimating { get; protected set; } = null!;

    public State Rendering { get; protected set; } = null!;

    public State Composing { get; protected set; } = null!;

    public State QaTechnical { get; protected set; } = null!;

    public State QaSemantic { get; protected set; } = null!;

    public State Finalizing { get; protected set; } = null!;

    public Event<GenerateVideo> Start { get; protected set; } = null!;

    public Event<InputSanitized> Sanitized { get; protected set; } = null!;

    public Event<RequestAnalyzed> Analyzed { get; protected set; } = null!;

    public Event<CreativeDirected> Directed { get; protected set; } = null!;

    public Event<VisualsTranslated> Translated { get; protected set; } = null!;

    public Event<CostEstimated> Estimated { get; protected set; } = null!;

    public Event<ShotRendered> Rendered { get; protected set; } = null!;

    public Event<VideoComposed> Composed { get; protected set; } = null!;

    public Event<TechnicalQaCompleted> TechnicalQa { get; protected set; } = null!;

    public Event<SemanticQaCompleted> SemanticQa { get; protected set; } = null!;

    public Event<VideoFinalized> Finalized { get; protected set; } = null!;
}

/// <summary>The baseline that also publishes the public <see cref="VideoStateChanged"/> on every stage change.</summary>
public sealed class PlainVideoMachineWithEvents : PlainVideoMachine
{
    public PlainVideoMachineWithEvents()
        : base(publishStateChanges: true)
    {
    }
}
