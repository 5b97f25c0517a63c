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
/// and nothing else: no outbox, no step deadlines, no history, no cost ledger, no QA decisions.
/// </summary>
public sealed class PlainVideoMachine : MassTransitStateMachine<PlainVideoState>
{
    public const string Endpoint = "plain-saga";

    private static readonly Uri Creative = RoleEndpoints.AddressFor(typeof(SanitizeInput));
    private static readonly Uri Financial = RoleEndpoints.AddressFor(typeof(EstimateCost));
    private static readonly Uri Render = RoleEndpoints.AddressFor(typeof(RenderShot));
    private static readonly Uri Qa = RoleEndpoints.AddressFor(typeof(RunTechnicalQa));
    private static readonly Uri Delivery = RoleEndpoints.AddressFor(typeof(FinalizeVideo));

    public PlainVideoMachine()
    {
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

        Initially(When(Start)
            .Then(c => c.Saga.Request = c.Message.Request)
            .Send(Creative, c => new SanitizeInput(c.Saga.CorrelationId, 1, c.Saga.Request))
            .TransitionTo(Sanitizing));
        During(Sanitizing, When(Sanitized)
            .Then(c => c.Saga.Sanitized = c.Message.Result)
            .Send(Creative, c => new AnalyzeRequest(c.Saga.CorrelationId, 1, c.Message.Result))
            .TransitionTo(Analysing));
        During(Analysing, When(Analyzed)
            .Then(c => c.Saga.Analysis = c.Message.Analysis)
            .Send(Creative, c => new DirectCreative(c.Saga.CorrelationId, 1, c.Saga.Request, c.Message.Analysis, null, null))
            .TransitionTo(Directing));
        During(Directing, When(Directed)
            .Then(c => c.Saga.Direction = c.Message.Direction)
            .Send(Creative, c => new TranslateVisuals(c.Saga.CorrelationId, 1, c.Saga.Request, c.Message.Direction))
            .TransitionTo(Translating));
        During(Translating, When(Translated)
            .Then(c => c.Saga.Shots = [.. c.Message.Shots])
            .Send(Financial, c => new EstimateCost(c.Saga.CorrelationId, 1, c.Saga.Request, c.Saga.Analysis!, c.Saga.Shots, c.Saga.Request.BudgetUsd))
            .TransitionTo(Estimating));
        During(Estimating, When(Estimated)
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
        During(Composing, When(Composed)
            .Then(c => (c.Saga.AssetUri, c.Saga.Timeline) = (c.Message.AssetUri, [.. c.Message.Timeline]))
            .Send(Qa, c => new RunTechnicalQa(c.Saga.CorrelationId, 1, c.Saga.AssetUri!, c.Saga.Request, c.Saga.Timeline))
            .TransitionTo(QaTechnical));
        During(QaTechnical, When(TechnicalQa)
            .Send(Qa, c => new RunSemanticQa(c.Saga.CorrelationId, 1, c.Saga.AssetUri!, c.Saga.Request, c.Saga.Direction!, c.Saga.Shots, c.Saga.Timeline))
            .TransitionTo(QaSemantic));
        During(QaSemantic, When(SemanticQa)
            .Send(Delivery, c => new FinalizeVideo(c.Saga.CorrelationId, 1, c.Saga.AssetUri!, new VideoManifest(
                c.Saga.CorrelationId, c.Saga.Request, c.Saga.Sanitized, c.Saga.Analysis, c.Saga.Direction, c.Saga.Shots, c.Saga.Clips, null,
                c.Saga.Clips.Sum(s => s.CostUsd), null, c.Message.Report, [], DateTimeOffset.UtcNow)))
            .TransitionTo(Finalizing));
        During(Finalizing, When(Finalized)
            .Publish(c => new PlainCompleted(c.Saga.CorrelationId))
            .Finalize());
    }

    public State Sanitizing { get; private set; } = null!;

    public State Analysing { get; private set; } = null!;

    public State Directing { get; private set; } = null!;

    public State Translating { get; private set; } = null!;

    public State Estimating { get; private set; } = null!;

    public State Rendering { get; private set; } = null!;

    public State Composing { get; private set; } = null!;

    public State QaTechnical { get; private set; } = null!;

    public State QaSemantic { get; private set; } = null!;

    public State Finalizing { get; private set; } = null!;

    public Event<GenerateVideo> Start { get; private set; } = null!;

    public Event<InputSanitized> Sanitized { get; private set; } = null!;

    public Event<RequestAnalyzed> Analyzed { get; private set; } = null!;

    public Event<CreativeDirected> Directed { get; private set; } = null!;

    public Event<VisualsTranslated> Translated { get; private set; } = null!;

    public Event<CostEstimated> Estimated { get; private set; } = null!;

    public Event<ShotRendered> Rendered { get; private set; } = null!;

    public Event<VideoComposed> Composed { get; private set; } = null!;

    public Event<TechnicalQaCompleted> TechnicalQa { get; private set; } = null!;

    public Event<SemanticQaCompleted> SemanticQa { get; private set; } = null!;

    public Event<VideoFinalized> Finalized { get; private set; } = null!;
}
