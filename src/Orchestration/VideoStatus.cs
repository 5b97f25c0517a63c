using AiProd.Contracts;

namespace AiProd.Orchestration;

/// <summary>What the status API and the CLI show about one video.</summary>
/// <param name="Id">The video id.</param>
/// <param name="State">Current state (one of the 11, or Failed).</param>
/// <param name="Stage">The stage doing work now; for a failed video, the stage that failed.</param>
/// <param name="ProgressPercent">0–100.</param>
/// <param name="Request">What was asked for, as submitted.</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="Cost">Estimated and actual cost.</param>
/// <param name="Qa">The latest QA verdicts.</param>
/// <param name="AssetUri">Where the delivered MP4 is stored (set when Complete).</param>
/// <param name="ManifestUri">Where its manifest is stored (set when Complete).</param>
/// <param name="CreatedAt">When the video was requested.</param>
/// <param name="UpdatedAt">When its state last changed.</param>
/// <param name="History">Every stage visit with its times and outcome.</param>
public sealed record VideoStatus(
    Guid Id,
    string State,
    string Stage,
    int ProgressPercent,
    VideoRequest? Request,
    VideoError? Error,
    CostSummary Cost,
    QaSummary Qa,
    string? AssetUri,
    string? ManifestUri,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StageRecord> History)
{
    /// <summary>Every shot render (per round) with each backend attempt: outcome, code, cost, time.</summary>
    public IReadOnlyList<ShotRenderSummary> Renders { get; init; } = [];

    /// <summary>Who submitted it (an API key's owner or a token's subject); null for a video from the bus without one.</summary>
    public string? Owner { get; init; }

    /// <summary>The prompt the pipeline works from (markup and invisible characters removed, NFKC); null until the InputSanitizer state has run.</summary>
    public string? SanitizedPrompt { get; init; }

    /// <summary>The version being made (1, 2 …; 0 before Creative).</summary>
    public int Version { get; init; }

    /// <summary>What the video waits for in AwaitingApproval; null otherwise.</summary>
    public ApprovalStatus? Approval { get; init; }

    /// <summary>Every approval and rejection, on every version, oldest first.</summary>
    public IReadOnlyList<ApprovalDecision> Approvals { get; init; } = [];
}

/// <summary>Estimated and actual cost in USD, and the backend chosen.</summary>
public sealed record CostSummary(decimal? EstimatedUsd, decimal ActualUsd, decimal BudgetUsd, string? Backend)
{
    /// <summary>Actual cost split by backend, with how often each was tried, succeeded, refused, failed or was skipped.</summary>
    public IReadOnlyList<BackendSpend> ByBackend { get; init; } = [];
}

/// <summary>Latest QA verdicts; null until that QA has run.</summary>
public sealed record QaSummary(TechnicalQaReport? Technical, SemanticQaReport? Semantic);
