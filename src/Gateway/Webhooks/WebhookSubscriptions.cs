using System.Security.Cryptography;
using AiProd.Collaboration.Records;

namespace AiProd.Gateway.Webhooks;

/// <summary>Creates, lists and disables webhook subscriptions on the configured store.</summary>
public sealed class WebhookSubscriptions(IRecordStore<WebhookSubscription> store, TimeProvider time)
{
    /// <summary>Most subscriptions listed for one owner, deleted ones included.</summary>
    public const int MaxListed = 500;

    public async Task<WebhookSubscription> CreateAsync(string owner, string createdBy, Uri url, IReadOnlyList<string> eventTypes, CancellationToken cancellationToken)
    {
        var subscription = new WebhookSubscription($"wh_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", owner, url.AbsoluteUri, eventTypes,
            WebhookSignature.NewSecret(), time.GetUtcNow())
        {
            CreatedBy = createdBy,
        };
        await store.CreateAsync(subscription, cancellationToken);
        return subscription;
    }

    /// <summary>
    /// The callback of one video, every event type; its id follows from the video, so a repeated submission finds
    /// the first one (and gets no secret: it was shown once).
    /// </summary>
    public async Task<(WebhookSubscription Subscription, bool Created)> CreateCallbackAsync(Guid videoId, string owner, string createdBy, Uri url, CancellationToken cancellationToken)
    {
        var subscription = new WebhookSubscription($"wh_cb_{videoId:N}", owner, url.AbsoluteUri, [], WebhookSignature.NewSecret(), time.GetUtcNow())
        {
            VideoId = videoId,
            CreatedBy = createdBy,
        };
        try
        {
            await store.CreateAsync(subscription, cancellationToken);
            return (subscription, true);
        }
        catch (InvalidOperationException)
        {
            return (await store.GetAsync(subscription.Id, cancellationToken) ?? throw new InvalidOperationException($"The callback {subscription.Id} vanished."), false);
        }
    }

    public Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>The owner's standing subscriptions, newest first (deleted ones too, when asked).</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(string owner, bool includeDisabled, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(owner, MaxListed, cancellationToken)).Where(s => s.VideoId is null && (includeDisabled || s.Active))];

    /// <summary>The active subscriptions an event of <paramref name="videoId"/> (of <paramref name="owner"/>) goes to.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ForEventAsync(Guid videoId, string? owner, string eventType, CancellationToken cancellationToken)
    {
        var callbacks = await store.ListAsync(WebhookSubscription.PartitionOf(videoId), 10, cancellationToken);
        var standing = owner is null ? [] : await store.ListAsync(owner, MaxListed, cancellationToken);
        return [.. callbacks.Concat(standing).Where(s => s.Active && s.Wants(eventType) && (s.VideoId is null || s.VideoId == videoId))];
    }

    public async Task<WebhookSubscription> DisableAsync(WebhookSubscription subscription, string reason, CancellationToken cancellationToken)
    {
        var disabled = subscription with { DisabledAt = time.GetUtcNow(), DisabledReason = reason };
        await store.ReplaceAsync(disabled, cancellationToken);
        return disabled;
    }
}
