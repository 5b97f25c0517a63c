using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Outbox;
using AiProd.Saga.Tests;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.SagaStore.Tests.Video;

/// <summary>
/// The saga's outbox on SQLite: what the saga decides is saved with its state and sent after the save; what a crash
/// left unsent in a stored video is sent by the recovery sweep, once, with the message id it was saved with.
/// </summary>
public class When_the_saga_outbox_runs_on_SQLite : SqliteVideoSagaTestBase
{
    private ISagaDocumentStore<VideoState> Store => Provider.GetRequiredService<ISagaDocumentStore<VideoState>>();

    [Test]
    public async Task Should_leave_nothing_in_the_stored_outbox_once_an_event_is_handled_and_no_next_one_came()
    {
        await Publish(new GenerateVideo(VideoId, Samples.Request()));
        await Published<SanitizeInput>();
        await Published<VideoStateChanged>();
        await Task.Delay(OutboxDropDelay * 3);

        var video = (await Store.LoadAsync(VideoId))!;
        Assert.Multiple(() =>
        {
            Assert.That(video.Outbox, Is.Empty, "sent, then dropped from the document");
            Assert.That(video.OutboxSinceUnixMs, Is.Null);
            Assert.That(video.CurrentState, Is.EqualTo(VideoStages.InputSanitizer));
        });
    }

    [Test]
    public async Task Should_start_a_video_stored_before_a_crash_with_its_start_message_still_in_the_outbox()
    {
        // What the gateway writes before its 202, left as it was by a kill before the send.
        var request = Samples.Request();
        var video = new VideoState
        {
            CorrelationId = VideoId,
            CurrentState = "Accepted",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
            Submitted = request,
            Request = request,
            Owner = "ak_test",
        };
        SagaOutbox.Add(video, OutboxMessage.For(new GenerateVideo(VideoId, request) { Owner = "ak_test" }, RoleEndpoints.SagaAddress), DateTimeOffset.UtcNow.AddMinutes(-1));
        await Store.InsertAsync(video);
        var messageId = video.Outbox[0].MessageId;

        var sent = await Sweeper().SweepAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        await Published<SanitizeInput>();
        var started = await InState(m => m.InputSanitizer);
        var generate = Harness.Sent.Select<GenerateVideo>(CancellationToken.None).Single().Context;
        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.EqualTo(1));
            Assert.That(generate.MessageId, Is.EqualTo(messageId), "sent with the id it was stored with");
            Assert.That(started.Owner, Is.EqualTo("ak_test"));
            Assert.That(started.History.Select(h => h.Stage), Is.EqualTo(new[] { VideoStages.Init, VideoStages.InputSanitizer }));
        });
    }

    [Test]
    public async Task Should_send_what_a_crash_between_save_and_publish_left_exactly_once()
    {
        await Publish(new GenerateVideo(VideoId, Samples.Request()));
        await InState(m => m.InputSanitizer);
        await Task.Delay(300);
        // A save that decided on VideoCompleted, then the process died before the publish.
        var video = (await Store.LoadAsync(VideoId))!;
        var completed = new VideoCompleted(VideoId, "local:x/video.mp4", "local:x/manifest.json", 6, 0.01m, 0.01m, 10, 9.5, DateTimeOffset.UtcNow);
        SagaOutbox.Add(video, OutboxMessage.For(completed, null), DateTimeOffset.UtcNow.AddMinutes(-1));
        await Store.UpdateAsync(video);
        var messageId = video.Outbox.Single().MessageId;

        var fresh = await Sweeper().SweepAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        var first = await Sweeper().SweepAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        var second = await Sweeper().SweepAsync(TimeSpan.Zero, CancellationToken.None);

        await Published<VideoCompleted>();
        Assert.Multiple(() =>
        {
            Assert.That(fresh, Is.Zero, "an entry younger than the grace period may still be sent by its own consume");
            Assert.That(first, Is.EqualTo(1));
            Assert.That(second, Is.Zero, "sent entries are dropped, so nothing goes out twice");
            Assert.That(Harness.Published.Select<VideoCompleted>(CancellationToken.None).Select(m => m.Context.MessageId), Is.EqualTo(new Guid?[] { messageId }));
        });
    }

    [Test]
    public async Task Should_fail_a_generate_video_without_a_request_at_once_and_send_no_command()
    {
        await Publish(new GenerateVideo(VideoId, null!));

        var failed = await Published<VideoFailed>();
        var video = await InState(m => m.Failed);
        Assert.Multiple(() =>
        {
            Assert.That(failed[0].Error.Code, Is.EqualTo("request_missing"));
            Assert.That(failed[0].Error.Retryable, Is.False);
            Assert.That(All<SanitizeInput>(), Is.Empty, "no worker is asked to work on nothing");
            Assert.That(video.Submitted, Is.Not.Null, "the stored document stays readable");
        });
    }

    private OutboxRecoveryService Sweeper() => ActivatorUtilities.CreateInstance<OutboxRecoveryService>(Provider, new NoLifetime());

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}

/// <summary>An outbox entry: stored as its JSON, sent as the message it was made from while the process that made it runs.</summary>
public class When_an_outbox_entry_is_made_and_stored
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Test]
    public void Should_send_the_message_it_was_made_from_and_read_a_stored_one_back_from_its_body()
    {
        var message = new StepDeadlinePassed(Guid.NewGuid(), 2, VideoStages.Render) { Token = Guid.NewGuid() };
        var made = OutboxMessage.For(message, RoleEndpoints.SagaAddress, TimeSpan.FromMinutes(10), unordered: true) with { EnqueuedAtUnixMs = 42 };

        var json = System.Text.Json.JsonSerializer.Serialize(made, Web);
        var stored = System.Text.Json.JsonSerializer.Deserialize<OutboxMessage>(json, Web)!;
        Assert.Multiple(() =>
        {
            Assert.That(made.Read().Message, Is.SameAs(message), "no JSON read back in the process that made it");
            Assert.That(made.Body, Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(message, Web)));
            Assert.That(json, Does.Not.Contain("made").IgnoreCase, "the object itself is never stored");
            Assert.That(stored.Made, Is.Null);
            Assert.That(stored, Is.EqualTo(made), "equal by what is stored");
            Assert.That(stored.Read(), Is.EqualTo(((object)message, typeof(StepDeadlinePassed))));
        });
    }
}
