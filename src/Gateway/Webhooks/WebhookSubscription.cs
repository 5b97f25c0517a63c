using AiProd.Collaboration.Records;

namespace AiProd.Gateway.Webhooks;

/// <summary>
/// Where an owner wants events sent: a standing subscription (<c>POST /v1/webhooks</c>, every video of the owner) or
/// the callback of one video (<c>callbackUrl</c> of <c>POST /v1/videos</c>, that video only).
/// </summary>
/// <param name="Id"><c>wh_</c> and 16 hex digits (a standing one) or <c>wh_cb_</c> and the video id (a callback).</param>
/// <param name="Owner">Whose videos it follows (the API key's owner or the token's subject).</param>
/// <param name="Url">Where deliveries are POSTed.</param>
/// <param name="EventTypes">The event types it wants (<see cref="WebhookEventTypes"/>); empty: all.</param>
/// <param name="Secret">The signing secret, <c>whsec_</c> and base64; shown to its creator once.</param>
/// <param name="At">When it was created.</param>
public sealed record WebhookSubscription(string Id, string Owner, string Url, IReadOnlyList<string> EventTypes, string Secret, DateTimeOffset At) : IStoredRecord
{
    /// <summary>The video of a callback; null: a standing subscription.</summary>
    public Guid? VideoId { get; init; }

    /// <summary>Who created it (owner and key), for the audit trail.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When it was deleted, or disabled because its receiver answered 410 Gone; null: active.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>Why it was disabled (<c>deleted</c>, <c>gone</c>).</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Standing ones are listed by owner, a callback by its video.</summary>
    public string Partition => VideoId is { } video ? PartitionOf(video) : Owner;

    public bool Active => DisabledAt is null;

    public bool Wants(string eventType) => EventTypes.Count == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal);

    public static string PartitionOf(Guid videoId) => $"video:{videoId:D}";
}
