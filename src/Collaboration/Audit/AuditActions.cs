namespace AiProd.Collaboration.Audit;

/// <summary>The actions the audit trail records.</summary>
public static class AuditActions
{
    public const string VideoSubmitted = "video.submitted";
    public const string VideoApproved = "video.approved";
    public const string VideoRejected = "video.rejected";
    public const string CommentCreated = "comment.created";
    public const string CommentEdited = "comment.edited";
    public const string CommentDeleted = "comment.deleted";
    public const string KeyCreated = "key.created";
    public const string KeyRevoked = "key.revoked";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookResent = "webhook.resent";
    public const string PlanEdited = "plan.edited";
}
