using AiProd.Gateway.Webhooks;
using Microsoft.Extensions.Options;

namespace AiProd.Collaboration.Tests;

/// <summary>
/// The gateway's webhooks on each store: subscriptions (standing ones of an owner, a video's callback) and the durable
/// delivery queue, whose records move from the <c>pending</c> partition to their subscription's as they finish.
/// </summary>
public abstract partial class RecordStoreConformance
{
    private const string Completed = WebhookEventTypes.Completed;
    private const string StateChanged = WebhookEventTypes.StateChanged;

    private (WebhookSubscriptions Subscriptions, WebhookQueue Queue, Clock Clock) Webhooks(params TimeSpan[] retrySchedule)
    {
        var clock = new Clock { Now = Noon };
        var subscriptions = new WebhookSubscriptions(CreateStore<WebhookSubscription>("webhooks"), clock);
        var options = Options.Create(new WebhookOptions { RetrySchedule = retrySchedule, JitterFraction = 0 });
        return (subscriptions, new WebhookQueue(CreateStore<WebhookDelivery>("webhook_deliveries"), subscriptions, options, clock), clock);
    }

    [Test]
    public async Task Should_keep_webhook_subscriptions_and_find_those_an_event_goes_to()
    {
        var (subscriptions, _, clock) = Webhooks();
        var video = Guid.NewGuid();
        var all = await subscriptions.CreateAsync("team-a", "team-a (ak_1)", new Uri("https://hooks.example.com/all"), [], default);
        clock.Now += TimeSpan.FromMinutes(1);
        var completedOnly = await subscriptions.CreateAsync("team-a", "team-a (ak_1)", new Uri("https://hooks.example.com/done"), [Completed, WebhookEventTypes.Failed], default);
        var others = await subscriptions.CreateAsync("team-b", "team-b", new Uri("https://hooks.example.com/b"), [], default);
        var (callback, created) = await subscriptions.CreateCallbackAsync(video, "team-a", "team-a (ak_1)", new Uri("https://hooks.example.com/cb"), default);
        var (again, createdAgain) = await subscriptions.CreateCallbackAsync(video, "team-a", "team-a (ak_1)", new Uri("https://hooks.example.com/cb"), default);

        var forState = await subscriptions.ForEventAsync(video, "team-a", StateChanged, default);
        var forCompleted = await subscriptions.ForEventAsync(video, "team-a", Completed, default);
        var forAnotherVideo = await subscriptions.ForEventAsync(Guid.NewGuid(), "team-a", Completed, default);
        var back = await subscriptions.GetAsync(completedOnly.Id, default);
        Assert.Multiple(() =>
        {
            Assert.That((created, createdAgain), Is.EqualTo((true, false)), "a video has one callback");
            Assert.That(again.Secret, Is.EqualTo(callback.Secret));
            Assert.That(forState.Select(s => s.Id), Is.EquivalentTo(new[] { all.Id, callback.Id }));
            Assert.That(forCompleted.Select(s => s.Id), Is.EquivalentTo(new[] { all.Id, completedOnly.Id, callback.Id }));
            Assert.That(forAnotherVideo.Select(s => s.Id), Is.EquivalentTo(new[] { all.Id, completedOnly.Id }), "a callback is its video's only");
            Assert.That(back!.EventTypes, Is.EqualTo(new[] { Completed, WebhookEventTypes.Failed }));
            Assert.That(back.Url, Is.EqualTo("https://hooks.example.com/done"));
            Assert.That(back.Secret, Is.EqualTo(completedOnly.Secret));
            Assert.That(back.At, Is.EqualTo(Noon.AddMinutes(1)));
            Assert.That(others.Owner, Is.EqualTo("team-b"));
        });

        await subscriptions.DisableAsync(all, "deleted", default);
        var listed = await subscriptions.ListAsync("team-a", includeDisabled: false, default);
        var withDisabled = await subscriptions.ListAsync("team-a", includeDisabled: true, default);
        var afterDisable = await subscriptions.ForEventAsync(video, "team-a", StateChanged, default);
        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(s => s.Id), Is.EqualTo(new[] { completedOnly.Id }), "standing, active, the owner's only");
            Assert.That(withDisabled.Select(s => s.Id), Is.EqualTo(new[] { completedOnly.Id, all.Id }), "newest first");
            Assert.That(withDisabled[1].DisabledReason, Is.EqualTo("deleted"));
            Assert.That(afterDisable.Select(s => s.Id), Is.EqualTo(new[] { callback.Id }), "a disabled subscription gets nothing");
        });
    }

    [Test]
    public async Task Should_queue_each_event_once_per_subscription_and_move_it_on_as_attempts_end()
    {
        var (subscriptions, queue, clock) = Webhooks(TimeSpan.FromSeconds(10));
        var video = Guid.NewGuid();
        var hook = await subscriptions.CreateAsync("team-a", "team-a", new Uri("https://hooks.example.com/all"), [], default);
        var (callback, _) = await subscriptions.CreateCallbackAsync(video, "team-a", "team-a", new Uri("https://hooks.example.com/cb"), default);

        Assert.That(await queue.EnqueueAsync("m1", Completed, video, "team-a", Noon, new { videoId = video }, default), Is.EqualTo(2));
        Assert.That(await queue.EnqueueAsync("m1", Completed, video, "team-a", Noon, new { videoId = video }, default), Is.Zero, "a redelivered message queues nothing");
        var due = await queue.DueAsync(default);
        Assert.That(due.Select(d => d.SubscriptionId), Is.EquivalentTo(new[] { hook.Id, callback.Id }));
        Assert.That(due.Select(d => d.Payload), Has.All.Matches<string>(p => p.Contains("\"type\":\"video.completed\"", StringComparison.Ordinal) && p.Contains(video.ToString(), StringComparison.Ordinal)));

        // The callback's delivery fails once, then goes through; the standing one fails twice and is parked.
        var first = due.Single(d => d.SubscriptionId == callback.Id);
        var other = due.Single(d => d.SubscriptionId == hook.Id);
        var claimed = await queue.ClaimAsync(first, default);
        Assert.That(claimed, Is.Not.Null);
        Assert.That((await queue.DueAsync(default)).Select(d => d.Id), Is.EqualTo(new[] { other.Id }), "a claimed delivery is left alone");
        var retried = await queue.RecordAsync(claimed!, new WebhookAttempt(503, "Service Unavailable"), default);
        await queue.RecordAsync(other, new WebhookAttempt(500, "boom"), default);
        Assert.That(retried.NextAttemptAt, Is.EqualTo(Noon.AddSeconds(10)));
        Assert.That(await queue.DueAsync(default), Is.Empty, "nothing due before the retry's time");

        clock.Now += TimeSpan.FromSeconds(10);
        Assert.That((await queue.DueAsync(default)).Select(d => d.Id), Is.EquivalentTo(new[] { first.Id, other.Id }));
        var delivered = await queue.RecordAsync((await queue.GetAsync(first.Id, default))!, new WebhookAttempt(204, null), default);
        var parked = await queue.RecordAsync((await queue.GetAsync(other.Id, default))!, new WebhookAttempt(500, "boom"), default);

        var stored = await queue.GetAsync(first.Id, default);
        var dueAfter = await queue.DueAsync(default);
        var ofCallback = await queue.ListAsync(callback.Id, WebhookDelivery.Delivered, default);
        var ofHook = await queue.ListAsync(hook.Id, null, default);
        var pendingOfHook = await queue.ListAsync(hook.Id, WebhookDelivery.Pending, default);
        Assert.Multiple(() =>
        {
            Assert.That(dueAfter, Is.Empty, "finished deliveries leave the queue");
            Assert.That((delivered.Status, parked.Status), Is.EqualTo((WebhookDelivery.Delivered, WebhookDelivery.Parked)));
            Assert.That(stored!.Attempts, Is.EqualTo(2));
            Assert.That(stored.DeliveredAt, Is.EqualTo(Noon.AddSeconds(10)));
            Assert.That(stored.NextAttemptAt, Is.Null);
            Assert.That(ofCallback.Select(d => d.Id), Is.EqualTo(new[] { first.Id }), "listed under its subscription once delivered");
            Assert.That(ofHook.Single().LastStatusCode, Is.EqualTo(500));
            Assert.That(pendingOfHook, Is.Empty);
        });

        await queue.ResendAsync(parked, default);
        Assert.That((await queue.DueAsync(default)).Select(d => (d.Id, d.Attempts)), Is.EqualTo(new[] { (other.Id, 0) }), "a resend queues it again, same id");
        Assert.That((await queue.ListAsync(hook.Id, WebhookDelivery.Pending, default)).Select(d => d.Id), Is.EqualTo(new[] { other.Id }));
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
