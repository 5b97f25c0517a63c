using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Outbox;
using AiProd.Saga.Tests;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.SagaStore.Tests.Video;

/// <summary>
/// What the gateway does on SQLite (<c>VideoSubmissions</c>): the video is stored in Accepted with its GenerateVideo in
/// its outbox, then that message is sent with the entry's id and the entry is left there. The saga's first save drops
/// it; a second copy (the recovery sweep's, had it found the entry first) changes nothing.
/// </summary>
public class When_a_video_stored_by_the_gateway_is_started : SqliteVideoSagaTestBase
{
    private ISagaDocumentStore<VideoState> Store => Provider.GetRequiredService<ISagaDocumentStore<VideoState>>();

    [Test]
    public async Task Should_drop_the_start_message_from_the_outbox_with_its_first_save()
    {
        var messageId = await SubmitAsync();

        var started = await InState(m => m.InputSanitizer);
        await Published<SanitizeInput>();
        await Task.Delay(300);

        var stored = (await Store.LoadAsync(VideoId))!;
        Assert.Multiple(() =>
        {
            Assert.That(started.Outbox.Select(e => e.MessageId), Does.Not.Contain(messageId), "the save that handled it dropped it");
            Assert.That(stored.Outbox, Is.Empty, "and what that save added was sent and dropped");
            Assert.That(stored.OutboxSinceUnixMs, Is.Null);
        });
    }

    [Test]
    public async Task Should_ignore_a_second_copy_of_the_start_message()
    {
        var messageId = await SubmitAsync();
        await InState(m => m.InputSanitizer);
        await Published<SanitizeInput>();
        await Task.Delay(300);
        var before = (await Store.LoadAsync(VideoId))!;

        await SendAsync(new GenerateVideo(VideoId, Samples.Request()) { Owner = "ak_test" }, messageId);
        await Task.Delay(500);

        var after = (await Store.LoadAsync(VideoId))!;
        Assert.Multiple(() =>
        {
            Assert.That(after.CurrentState, Is.EqualTo(before.CurrentState));
            Assert.That(after.StageAttempt, Is.EqualTo(before.StageAttempt));
            Assert.That(after.History.Select(h => h.Stage), Is.EqualTo(new[] { VideoStages.Init, VideoStages.InputSanitizer }));
            Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(1), "the worker is asked once");
        });
    }

    [Test]
    public async Task Should_leave_nothing_for_the_recovery_sweep_once_started()
    {
        await SubmitAsync();
        await InState(m => m.InputSanitizer);
        await Published<SanitizeInput>();
        await Task.Delay(300);

        var sweeper = ActivatorUtilities.CreateInstance<OutboxRecoveryService>(Provider, new NoLifetime());
        Assert.That(await sweeper.SweepAsync(TimeSpan.Zero, CancellationToken.None), Is.Zero);
        Assert.That(All<GenerateVideo>(), Has.Count.EqualTo(1), "the start message went out once");
    }

    /// <summary>Stores the video as the gateway does and sends its GenerateVideo with the outbox entry's id; returns that id.</summary>
    private async Task<Guid> SubmitAsync()
    {
        var request = Samples.Request();
        var now = DateTimeOffset.UtcNow;
        var message = new GenerateVideo(VideoId, request, now) { Owner = "ak_test" };
        var video = new VideoState
        {
            CorrelationId = VideoId,
            CurrentState = "Accepted",
            CreatedAt = now,
            UpdatedAt = now,
            Submitted = request,
            Request = request,
            Owner = "ak_test",
            StepDeadlineDueUnixMs = now.ToUnixTimeMilliseconds(),
        };
        var entry = OutboxMessage.For(message, RoleEndpoints.SagaAddress);
        SagaOutbox.Add(video, entry, now);
        await Store.InsertAsync(video);
        await SendAsync(message, entry.MessageId);
        return entry.MessageId;
    }

    private async Task SendAsync(GenerateVideo message, Guid messageId)
    {
        var saga = await Harness.Bus.GetSendEndpoint(RoleEndpoints.SagaAddress);
        await saga.Send(message, Pipe.Execute<SendContext>(c => c.MessageId = messageId));
    }

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
