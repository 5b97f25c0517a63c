using AiProd.Collaboration.Records;

namespace AiProd.Gateway.Webhooks;

/// <summary>
/// One event for one subscription, kept until it is delivered or parked: the queue the dispatcher works through.
/// </summary>
/// <param name="Id">The <c>webhook-id</c>: <c>msg_</c> and 24 hex digits, the same on every attempt (receivers dedupe by it).</param>
/// <param name="SubscriptionId">The subscription it goes to.</param>
/// <param name="EventType">One of <see cref="WebhookEventTypes"/>.</param>
/// <param name="VideoId">The video it is about.</param>
/// <param name="Payload">The exact JSON body that is signed and sent.</param>
/// <param name="At">When it was queued.</param>
public sealed record WebhookDelivery(string Id, string SubscriptionId, string EventType, Guid VideoId, string Payload, DateTimeOffset At) : IStoredRecord
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Parked = "parked";

    /// <summary><see cref="Pending"/>, <see cref="Delivered"/> or <see cref="Parked"/>.</summary>
    public string Status { get; init; } = Pending;

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>When the next attempt is due (pending only).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The HTTP status of the last attempt; null when it got no answer.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt failed (a timeout, a refused address, the first bytes of the answer).</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The queue is one partition, looked at by the dispatcher; what is done is listed by subscription.</summary>
    public string Partition => Status == Pending ? Pending : SubscriptionId;
}
