namespace AiProd.Gateway.Webhooks;

/// <summary>The event types a webhook carries (the <c>type</c> of the payload), one per public bus event.</summary>
public static class WebhookEventTypes
{
    public const string StateChanged = "video.state_changed";
    public const string ApprovalRequested = "video.approval_requested";
    public const string Approved = "video.approved";
    public const string Rejected = "video.rejected";
    public const string Completed = "video.completed";
    public const string Failed = "video.failed";

    public static IReadOnlyList<string> All { get; } = [StateChanged, ApprovalRequested, Approved, Rejected, Completed, Failed];
}
