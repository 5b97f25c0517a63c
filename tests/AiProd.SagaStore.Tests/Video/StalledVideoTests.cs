using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Tests;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.SagaStore.Tests.Video;

/// <summary>
/// A video whose step deadline was lost with the transport (the Pub/Sub emulator restarted): the stalled-video sweep
/// finds it in the store by its overdue deadline, claims it once, and the saga sends what its stage waits on again.
/// </summary>
public class When_a_step_deadline_is_lost_on_SQLite : SqliteVideoSagaTestBase
{
    private ISagaDocumentStore<VideoState> Store => Provider.GetRequiredService<ISagaDocumentStore<VideoState>>();

    [Test]
    public async Task Should_send_the_missing_shots_again_once_and_arm_a_fresh_deadline()
    {
        var commands = await ToRender(shots: 3);
        await Publish(new ShotRendered(VideoId, commands[0].Attempt, Samples.Rendered(commands[0].Shot, commands[0].Attempt)));
        await Task.Delay(300);
        var token = await LoseDeadline(TimeSpan.FromMinutes(1));

        var resumed = await Sweeper().ResumeStalledAsync(CancellationToken.None);
        var again = await Sweeper().ResumeStalledAsync(CancellationToken.None);

        await Published<RenderShot>(5);
        await Task.Delay(300);
        var video = (await Store.LoadAsync(VideoId))!;
        Assert.Multiple(() =>
        {
            Assert.That(resumed, Is.EqualTo(1));
            Assert.That(again, Is.Zero, "claimed: the next sweep (or another orchestrator) leaves it alone");
            Assert.That(All<RenderShot>().GroupBy(r => r.Shot.ShotId).ToDictionary(g => g.Key, g => g.Count()), Is.EqualTo(new Dictionary<string, int>
            {
                [commands[0].Shot.ShotId] = 1,
                [commands[1].Shot.ShotId] = 2,
                [commands[2].Shot.ShotId] = 2,
            }), "only the shots not rendered yet, same attempt");
            Assert.That(All<RenderShot>().Select(r => r.Attempt), Is.All.EqualTo(commands[0].Attempt));
            Assert.That(video.StepDeadlineToken, Is.Not.Null.And.Not.EqualTo(token), "a fresh deadline is armed");
            Assert.That(video.StepDeadlineDueUnixMs, Is.GreaterThan(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            Assert.That(video.StageResends, Is.Zero, "a resume is not a resend");
            Assert.That(video.Outbox, Is.Empty);
        });
    }

    [Test]
    public async Task Should_leave_a_video_alone_while_its_deadline_is_not_long_overdue()
    {
        await Publish(new GenerateVideo(VideoId, Samples.Request()));
        await InState(m => m.InputSanitizer);
        await Task.Delay(300);
        await LoseDeadline(TimeSpan.FromSeconds(10));

        var resumed = await Sweeper().ResumeStalledAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(resumed, Is.Zero, "overdue by less than StalledAfter: the deadline may still be on its way");
            Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_start_an_accepted_video_whose_start_message_was_lost_after_the_send()
    {
        // What the gateway stored before its 202; its GenerateVideo left the outbox and then vanished with Pub/Sub.
        var request = Samples.Request();
        var accepted = DateTimeOffset.UtcNow.AddMinutes(-10);
        await Store.InsertAsync(new VideoState
        {
            CorrelationId = VideoId,
            CurrentState = "Accepted",
            CreatedAt = accepted,
            UpdatedAt = accepted,
            Submitted = request,
            Request = request,
            StepDeadlineDueUnixMs = accepted.ToUnixTimeMilliseconds(),
        });

        var resumed = await Sweeper().ResumeStalledAsync(CancellationToken.None);

        await Published<SanitizeInput>();
        var video = await InState(m => m.InputSanitizer);
        Assert.Multiple(() =>
        {
            Assert.That(resumed, Is.EqualTo(1));
            Assert.That(video.History.Select(h => h.Stage), Is.EqualTo(new[] { VideoStages.Init, VideoStages.InputSanitizer }));
        });
    }

    [Test]
    public async Task Should_never_resume_a_finished_video()
    {
        await Publish(new GenerateVideo(VideoId, Samples.Request()));
        await Publish(new InputRejected(VideoId, 1, [new InputViolation("prompt", "prompt_empty", "is empty")]));
        var failed = await InState(m => m.Failed);

        var resumed = await Sweeper().ResumeStalledAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(failed.StepDeadlineDueUnixMs, Is.Null, "no deadline pending in Failed");
            Assert.That(resumed, Is.Zero);
        });
    }

    /// <summary>As if the pending deadline had vanished: it fell due <paramref name="ago"/> and never arrived. Returns its token.</summary>
    private async Task<Guid?> LoseDeadline(TimeSpan ago)
    {
        var video = (await Store.LoadAsync(VideoId))!;
        video.StepDeadlineDueUnixMs = (DateTimeOffset.UtcNow - ago).ToUnixTimeMilliseconds();
        await Store.UpdateAsync(video);
        return video.StepDeadlineToken;
    }

    private async Task<List<RenderShot>> ToRender(int shots)
    {
        var request = Samples.Request();
        await Publish(new GenerateVideo(VideoId, request));
        var sanitize = (await Published<SanitizeInput>())[0];
        await Publish(new InputSanitized(VideoId, sanitize.Attempt, Samples.Sanitized(request)));
        var analyze = (await Published<AnalyzeRequest>())[0];
        await Publish(new RequestAnalyzed(VideoId, analyze.Attempt, Samples.Analysis()));
        var direct = (await Published<DirectCreative>())[0];
        await Publish(new CreativeDirected(VideoId, direct.Attempt, Samples.Direction(direct.Attempt)));
        var translate = (await Published<TranslateVisuals>())[0];
        await Publish(new VisualsTranslated(VideoId, translate.Attempt, Samples.Shots(direct.Attempt, shots)));
        var estimate = (await Published<EstimateCost>())[0];
        await Publish(new CostEstimated(VideoId, estimate.Attempt, Samples.Estimate()));
        await InState(m => m.Render);
        return await Published<RenderShot>(shots);
    }

    /// <summary>The sweep with a StalledAfter of 30 s and the pipeline's other defaults.</summary>
    private StalledVideoResumer Sweeper() => ActivatorUtilities.CreateInstance<StalledVideoResumer>(
        Provider, new NoLifetime(), Microsoft.Extensions.Options.Options.Create(new PipelineOptions { StalledAfter = TimeSpan.FromSeconds(30) }));

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
