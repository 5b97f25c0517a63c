using AiProd.Contracts;
using AiProd.Orchestration;
using AiProd.Workers.Common;

namespace AiProd.Gateway;

/// <summary>
/// Body of <c>GET /v1/videos/{id}</c>. Storage locations stay internal: the MP4 and the manifest are reached
/// through the gateway's own links.
/// </summary>
public sealed record VideoResource(
    Guid Id,
    string State,
    string Stage,
    int ProgressPercent,
    VideoRequest? Request,
    VideoError? Error,
    CostSummary Cost,
    QaSummary Qa,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StageRecord> History,
    VideoLinks Links)
{
    /// <summary>Every shot render with its backend attempts (outcome, code, cost); never a provider URL or key.</summary>
    public IReadOnlyList<ShotRenderSummary> Renders { get; init; } = [];

    /// <summary>The cleaned prompt the pipeline works from; <see cref="Request"/> keeps the one submitted.</summary>
    public string? SanitizedPrompt { get; init; }

    /// <summary>The version being made (1, 2 …; 0 before Creative); earlier ones at <c>/versions</c>.</summary>
    public int Version { get; init; }

    /// <summary>In AwaitingApproval: the point, version, roles still to approve and the deadline.</summary>
    public ApprovalStatus? Approval { get; init; }

    /// <summary>Every approval and rejection, on every version, oldest first.</summary>
    public IReadOnlyList<ApprovalDecision> Approvals { get; init; } = [];

    public static VideoResource From(VideoStatus status) => new(
        status.Id, status.State, status.Stage, status.ProgressPercent, status.Request, status.Error, status.Cost, status.Qa,
        status.CreatedAt, status.UpdatedAt, status.History, VideoLinks.For(status))
    {
        Renders = status.Renders,
        SanitizedPrompt = status.SanitizedPrompt,
        Version = status.Version,
        Approval = status.Approval,
        Approvals = status.Approvals,
    };
}

/// <summary>Where to go next: the status itself, and once complete, the MP4, its manifest and (when narrated) its subtitles.</summary>
public sealed record VideoLinks(string Self, string? Content, string? Manifest)
{
    /// <summary>SubRip subtitles of a narrated video, once complete.</summary>
    public string? SubtitlesSrt { get; init; }

    /// <summary>WebVTT subtitles of a narrated video, once complete.</summary>
    public string? SubtitlesVtt { get; init; }

    /// <summary>While the video waits for approval at the storyboard: its animatic (a cheap local preview of the plan).</summary>
    public string? Animatic { get; init; }

    /// <summary>Once complete, every delivered aspect ratio and its MP4 link (the master's is <see cref="Content"/>); null for a single-format video.</summary>
    public IReadOnlyDictionary<string, string>? Formats { get; init; }

    public static VideoLinks For(VideoStatus status) =>
        For(status.Id, status.State, status.Request is { Narration: true }, status.Request is { } request ? DeliveryFormats.Of(request) : null, status.Approval?.Point);

    public static VideoLinks For(Guid id, string state, bool narration, IReadOnlyList<string>? formats, string? approvalPoint = null)
    {
        var self = $"/v1/videos/{id}";
        var done = state == VideoStages.Complete;
        var narrated = done && narration;
        return new VideoLinks(self, done ? $"{self}/content" : null, done ? $"{self}/manifest" : null)
        {
            SubtitlesSrt = narrated ? $"{self}/subtitles.srt" : null,
            SubtitlesVtt = narrated ? $"{self}/subtitles.vtt" : null,
            Formats = done && formats is { Count: > 1 }
                ? formats.ToDictionary(f => f, f => $"{self}/content?format={Uri.EscapeDataString(f)}", StringComparer.Ordinal)
                : null,
            Animatic = approvalPoint == ApprovalPoints.Storyboard ? $"{self}/animatic" : null,
        };
    }
}

/// <summary>One video in <c>GET /v1/videos</c>: enough to pick it out; its link has the rest.</summary>
public sealed record VideoSummary(
    Guid Id,
    string State,
    string Stage,
    int ProgressPercent,
    string? Prompt,
    VideoError? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    VideoLinks Links)
{
    public static VideoSummary From(VideoListItem item) => new(
        item.Id, item.State, item.Stage, item.ProgressPercent, item.Prompt, item.Error, item.CreatedAt, item.UpdatedAt, VideoLinks.For(item.Id, item.State, item.Narrated, item.Formats));
}
