using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Outbox;
using AiProd.Saga.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.SagaStore.Tests.Video;

/// <summary>
/// Sent outbox entries leave the SQLite document in the video's next save, not with a write of their own; a video
/// whose next event does not come has them dropped when the host stops (or after <c>Pipeline:OutboxDropDelay</c>).
/// </summary>
public class When_sent_outbox_entries_wait_for_the_next_save : SqliteVideoSagaTestBase
{
    protected override TimeSpan OutboxDropDelay => TimeSpan.FromMinutes(1);

    private ISagaDocumentStore<VideoState> Store => Provider.GetRequiredService<ISagaDocumentStore<VideoState>>();

    [Test]
    public async Task Should_drop_them_in_the_next_save_with_no_write_of_their_own()
    {
        var request = Samples.Request();
        await Publish(new GenerateVideo(VideoId, request));
        var sanitize = (await Published<SanitizeInput>()).Single();
        await Published<VideoStateChanged>();
        await Task.Delay(300);
        var first = (await Store.LoadAsync(VideoId))!;
        var sentFirst = first.Outbox.Select(m => m.MessageId).ToList();

        await Publish(new InputSanitized(VideoId, sanitize.Attempt, Samples.Sanitized(request)));
        await Published<AnalyzeRequest>();
        await Published<VideoStateChanged>(2);
        await Task.Delay(300);
        var second = (await Store.LoadAsync(VideoId))!;

        Assert.Multiple(() =>
        {
            Assert.That(sentFirst, Is.Not.Empty, "sent, and still in the document: no write of their own");
            Assert.That(second.Outbox.Select(m => m.MessageId).Intersect(sentFirst), Is.Empty, "dropped by the next save");
            Assert.That(second.Outbox, Is.Not.Empty, "the second event's, sent, wait for the next save in turn");
            Assert.That(second.Version, Is.EqualTo(first.Version + 1), "one write for the event, none for the drop");
            Assert.That(second.OutboxSinceUnixMs, Is.EqualTo(second.Outbox.Min(m => m.EnqueuedAtUnixMs)), "dated by its oldest entry left");
        });
    }

    [Test]
    public async Task Should_drop_what_is_left_when_the_host_stops()
    {
        await Publish(new GenerateVideo(VideoId, Samples.Request()));
        await Published<SanitizeInput>();
        await Published<VideoStateChanged>();
        await Task.Delay(300);
        var before = (await Store.LoadAsync(VideoId))!;

        await Provider.GetRequiredService<DeferredOutboxDrops>().StopAsync(CancellationToken.None);

        var after = (await Store.LoadAsync(VideoId))!;
        Assert.Multiple(() =>
        {
            Assert.That(before.Outbox, Is.Not.Empty);
            Assert.That(after.Outbox, Is.Empty);
            Assert.That(after.OutboxSinceUnixMs, Is.Null);
        });
    }
}
