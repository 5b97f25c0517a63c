using System.Text.Json.Serialization;
using AiProd.Contracts;
using MassTransit;

namespace AiProd.Saga;

/// <summary>
/// One video's saga instance: where it is, what every stage produced, what it cost, and its history.
/// Plain data so any saga store (in-memory, SQLite, Firestore) can persist it.
/// </summary>
public sealed class VideoState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    /// <summary>The saga state name; null before the first event (MassTransit then reads it as Initial).</summary>
    public string? CurrentState { get; set; }

    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who submitted the video (from <see cref="GenerateVideo.Owner"/>); null: nobody, only an administrator sees it.</summary>
    public string? Owner { get; set; }

    /// <summary>The request as it was submitted; kept for the manifest and the status.</summary>
    public VideoRequest Submitted { get; set; } = new(string.Empty);

    /// <summary>The request every stage works from: the submitted one until sanitizing, then the cleaned one.</summary>
    public VideoRequest Request { get; set; } = new(string.Empty);

    public SanitizedRequest? Sanitized { get; set; }

    public RequestAnalysis? Analysis { get; set; }

    public CreativeDirection? Direction { get; set; }

    public List<Shot> Shots { get; set; } = [];

    /// <summary>The shots the last plan edit changed (rendered again; the others keep their clips).</summary>
    public List<string> EditedShotIds { get; set; } = [];

    /// <summary>Shots of the current plan that are rendered and accepted, by shot id.</summary>
    public Dictionary<string, RenderedShot> RenderedShots { get; set; } = [];

    /// <summary>Every render the pipeline paid for, re-renders included; one entry per (shot, attempt).</summary>
    public List<RenderedShot> RenderLedger { get; set; } = [];

    /// <summary>Shots that failed on every backend, with their attempts; what those attempts were billed counts in the actual cost.</summary>
    public List<FailedShotRender> FailedRenders { get; set; } = [];

    /// <summary>Set once ComposeVideo is sent for the current render round, so a duplicate ShotRendered cannot send it twice.</summary>
    public bool ComposeRequested { get; set; }

    public CostEstimate? Estimate { get; set; }

    public string? ComposedAssetUri { get; set; }

    public double ComposedDurationSeconds { get; set; }

    public List<ShotTiming> Timeline { get; set; } = [];

    public TechnicalQaReport? TechnicalQa { get; set; }

    public SemanticQaReport? SemanticQa { get; set; }

    public int CreativeAttempts { get; set; }

    public int ReRenders { get; set; }

    /// <summary>The attempt number of the current stage visit; commands carry it and events must echo it.</summary>
    public int StageAttempt { get; set; }

    /// <summary>
    /// How many times the current stage visit's commands were sent again after its deadline passed; progress (a shot
    /// rendered) sets it back to 0, and a resume after a restart never counts.
    /// </summary>
    public int StageResends { get; set; }

    /// <summary>
    /// The token of the step deadline message on its way (a delayed <c>StepDeadlinePassed</c>); null in Complete and
    /// Failed, and in AwaitingApproval without a deadline. A delivered deadline whose token is not this one is stale
    /// and ignored.
    /// </summary>
    public Guid? StepDeadlineToken { get; set; }

    /// <summary>
    /// When the deadline message on its way (<see cref="StepDeadlineToken"/>) was armed to arrive (Unix milliseconds of
    /// the saga's clock); null when none is on its way (it arrived, or the video finished). Progress and a new stage
    /// move <see cref="StepDeadlineDueUnixMs"/> later without sending another message; the one on its way, arriving
    /// before that, re-arms itself for the difference.
    /// </summary>
    public long? StepDeadlineArmedUnixMs { get; set; }

    /// <summary>
    /// When the current stage visit's step deadline falls due (Unix milliseconds of the saga's clock); null in Complete
    /// and Failed. A delivered deadline always moves it on (an early one re-arms, a resend re-arms it, the last one
    /// fails the video), so one long past means the deadline itself was lost: what <see cref="StalledVideoResumer"/>
    /// queries for.
    /// </summary>
    public long? StepDeadlineDueUnixMs { get; set; }

    public List<StageRecord> History { get; set; } = [];

    /// <summary>
    /// The version of the video being made: 1 on entering Creative the first time, one more for every new plan (a
    /// semantic QA refinement or an approver's rejection). 0 before Creative.
    /// </summary>
    public int Revision { get; set; }

    /// <summary>Earlier versions, as they were when a new one replaced them; the current one is the live state.</summary>
    public List<Approvals.VideoVersion> Versions { get; set; } = [];

    /// <summary>What the video waits for in AwaitingApproval; null in every other state.</summary>
    public Approvals.ApprovalRound? PendingApproval { get; set; }

    /// <summary>Every approval and rejection the saga accepted, on every version, oldest first.</summary>
    public List<ApprovalDecision> Approvals { get; set; } = [];

    /// <summary>The comments of the rejection that asked for the current version; sent to the creative director, empty otherwise.</summary>
    public List<string> ReviewerNotes { get; set; } = [];

    public string? AssetUri { get; set; }

    public string? ManifestUri { get; set; }

    public VideoError? Error { get; set; }

    /// <summary>
    /// Messages the saga decided on that the transport may not have yet, saved with the state that decided them
    /// (see <see cref="Outbox.SagaOutbox"/>); empty between events.
    /// </summary>
    public List<Outbox.OutboxMessage> Outbox { get; set; } = [];

    /// <summary>
    /// When <see cref="Outbox"/> last went from empty to not (Unix milliseconds), null while it is empty: what the
    /// recovery sweep queries for (a number, so every store can index and compare it).
    /// </summary>
    public long? OutboxSinceUnixMs { get; set; }

    /// <summary>
    /// Derived from the ledger (each entry already includes its billed failed attempts) and the shots that failed
    /// everywhere, so stores do not keep a second copy that could disagree.
    /// </summary>
    [JsonIgnore]
    public decimal ActualCostUsd => RenderLedger.Sum(r => r.CostUsd) + FailedRenders.Sum(f => f.Attempts.Sum(a => a.CostUsd));
}
