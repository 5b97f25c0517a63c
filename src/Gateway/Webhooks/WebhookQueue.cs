using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiProd.Collaboration.Records;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway.Webhooks;

/// <summary>
/// The durable delivery queue: an event becomes one <see cref="WebhookDelivery"/> per subscription that wants it;
/// each attempt's outcome moves it on (delivered on a 2xx; retried on the schedule; parked after the last attempt, at
/// once when the address is refused or the receiver answers 410 Gone, which also disables the subscription).
/// </summary>
public sealed class WebhookQueue(IRecordStore<WebhookDelivery> store, WebhookSubscriptions subscriptions, IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>Most deliveries one look at the queue takes.</summary>
    public const int Batch = 200;

    /// <summary>Most finished deliveries listed per subscription.</summary>
    public const int MaxListed = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Queues an event for every subscription that wants it. <paramref name="messageId"/> identifies the bus message, so
    /// a redelivered message queues nothing twice (the delivery id, which is the <c>webhook-id</c>, follows from it).
    /// </summary>
    public async Task<int> EnqueueAsync(string messageId, string eventType, Guid videoId, string? owner, DateTimeOffset timestamp, object data, CancellationToken cancellationToken)
    {
        var targets = await subscriptions.ForEventAsync(videoId, owner, eventType, cancellationToken);
        var payload = JsonSerializer.Serialize(new { type = eventType, timestamp, data }, Json);
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var subscription in targets)
        {
            var id = "msg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{subscription.Id}/{messageId}")))[..24];
            try
            {
                await store.CreateAsync(new WebhookDelivery(id, subscription.Id, eventType, videoId, payload, now) { NextAttemptAt = now }, cancellationToken);
                queued++;
            }
            catch (InvalidOperationException)
            {
                // Queued when this message came the first time.
            }
        }

        return queued;
    }

    /// <summary>The pending deliveries whose attempt is due, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await store.ListAsync(WebhookDelivery.Pending, Batch, cancellationToken))
            .Where(d => d.Status == WebhookDelivery.Pending && d.NextAttemptAt <= now).OrderBy(d => d.At)];
    }

    public Task<WebhookDelivery?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>
    /// Holds a delivery for the length of one attempt, so another look at the queue (or another replica) leaves it
    /// alone meanwhile; false when it is no longer pending.
    /// </summary>
    public async Task<WebhookDelivery?> ClaimAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var claimed = delivery with { NextAttemptAt = time.GetUtcNow() + options.Value.Timeout + TimeSpan.FromSeconds(5) };
        try
        {
            return await store.ReplaceAsync(claimed, cancellationToken) ? claimed : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Records an attempt's outcome and what comes next.</summary>
    public async Task<WebhookDelivery> RecordAsync(WebhookDelivery delivery, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var schedule = options.Value.Schedule;
        var attempts = delivery.Attempts + 1;
        var next = delivery with { Attempts = attempts, LastAttemptAt = now, LastStatusCode = attempt.StatusCode, LastError = attempt.Error };
        if (attempt.Delivered)
            next = next with { Status = WebhookDelivery.Delivered, DeliveredAt = now, NextAttemptAt = null, LastError = null };
        else if (attempt.Refused || attempt.StatusCode == 410 || attempts > schedule.Count)
            next = next with { Status = WebhookDelivery.Parked, NextAttemptAt = null };
        else
            next = next with { NextAttemptAt = now + Jittered(schedule[attempts - 1]) };
        await store.ReplaceAsync(next, cancellationToken);
        return next;
    }

    /// <summary>Parks a delivery whose subscription is gone (deleted, disabled) without trying it.</summary>
    public async Task ParkAsync(WebhookDelivery delivery, string why, CancellationToken cancellationToken) =>
        await store.ReplaceAsync(delivery with { Status = WebhookDelivery.Parked, NextAttemptAt = null, LastError = why }, cancellationToken);

    /// <summary>Queues a parked (or delivered) delivery again, same id and body, with a fresh schedule.</summary>
    public async Task<WebhookDelivery> ResendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var again = delivery with { Status = WebhookDelivery.Pending, Attempts = 0, NextAttemptAt = time.GetUtcNow(), DeliveredAt = null };
        await store.ReplaceAsync(again, cancellationToken);
        return again;
    }

    /// <summary>The deliveries of one subscription, newest first: those still queued, then the finished ones.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(string subscriptionId, string? status, CancellationToken cancellationToken)
    {
        var pending = status is null or WebhookDelivery.Pending
            ? (await store.ListAsync(WebhookDelivery.Pending, MaxListed, cancellationToken)).Where(d => d.SubscriptionId == subscriptionId)
            : [];
        var done = status is WebhookDelivery.Pending ? [] : await store.ListAsync(subscriptionId, MaxListed, cancellationToken);
        return [.. pending.Concat(done).Where(d => status is null || d.Status == status).OrderByDescending(d => d.At)];
    }

    private TimeSpan Jittered(TimeSpan wait) => wait * (1 + (Random.Shared.NextDouble() * options.Value.JitterFraction));
}
