using AiProd.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Saga.Tests;

public class When_the_host_restarts_on_a_transport_that_kept_nothing : PipelineDriver
{
    [Test]
    public async Task Should_send_the_missing_shots_again_on_every_resume_and_never_count_one_as_a_resend()
    {
        var plan = await ToRender(shots: 3);
        await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(plan[0], 1)));
        await Settle();
        var resumer = Resumer(resumeAllOnStart: true);

        for (var restart = 1; restart <= 3; restart++)
        {
            var token = Current()!.StepDeadlineToken;
            Assert.That(await resumer.ResumeAllAsync(CancellationToken.None), Is.EqualTo(1));
            await AtLeast<RenderShot>(3 + 2 * restart);
            await Settle();
            Assert.That(Current()!.StepDeadlineToken, Is.Not.Null.And.Not.EqualTo(token), $"restart {restart} schedules a fresh deadline");
        }

        Assert.Multiple(() =>
        {
            Assert.That(All<RenderShot>().GroupBy(r => r.Shot.ShotId).ToDictionary(g => g.Key, g => g.Count()),
                Is.EqualTo(new Dictionary<string, int> { [plan[0].ShotId] = 1, [plan[1].ShotId] = 4, [plan[2].ShotId] = 4 }));
            Assert.That(All<RenderShot>().Select(r => r.Attempt), Is.All.EqualTo(1));
            Assert.That(Current()!.StageResends, Is.Zero);
            Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.Render));
        });

        await Publish(new StepDeadlinePassed(VideoId, 1, VideoStages.Render));
        await AtLeast<RenderShot>(11);
        Assert.That(Current()!.CurrentState, Is.EqualTo(VideoStages.Render), "a real deadline after three restarts is the first resend");
    }

    [Test]
    public async Task Should_resume_every_unfinished_video_once_the_host_has_started_and_leave_finished_ones_alone()
    {
        var failedVideo = NewId.NextGuid();
        await Publish(new GenerateVideo(failedVideo, Request));
        await Publish(new InputRejected(failedVideo, 1, [new InputViolation("prompt", "prompt_empty", "is empty")]));
        Assert.That(await Saga.Exists(failedVideo, m => m.Failed, TimeSpan.FromSeconds(10)), Is.Not.Null);
        await Start();

        var resumer = Resumer(resumeAllOnStart: true);
        await resumer.StartAsync(CancellationToken.None);
        await AtLeast<SanitizeInput>(2);
        await Settle();
        await resumer.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(2));
            Assert.That(Harness.Published.Select<VideoResumeRequested>(CancellationToken.None).Select(m => m.Context.Message),
                Is.EqualTo(new[] { new VideoResumeRequested(VideoId, 1, VideoStages.InputSanitizer) }), "the failed video is not resumed");
        });
    }

    [Test]
    public async Task Should_do_nothing_when_ResumeAllOnStart_is_off()
    {
        await Start();

        var resumer = Resumer(resumeAllOnStart: false);
        await resumer.StartAsync(CancellationToken.None);
        await Settle();
        await resumer.StopAsync(CancellationToken.None);

        Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_ignore_a_resume_for_a_stage_the_video_has_left()
    {
        await ToCreative();
        await Publish(new VideoResumeRequested(VideoId, 1, VideoStages.InputSanitizer));
        await Publish(new VideoResumeRequested(VideoId, 1, VideoStages.Analysis));
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(1));
            Assert.That(All<AnalyzeRequest>(), Has.Count.EqualTo(1));
            Assert.That(All<DirectCreative>(), Has.Count.EqualTo(1));
        });
    }

    private UnfinishedVideoResumer Resumer(bool resumeAllOnStart) => new(
        Provider.GetRequiredService<IServiceScopeFactory>(),
        new StartedHost(),
        Options.Create(new PipelineOptions { ResumeAllOnStart = resumeAllOnStart }),
        NullLogger<UnfinishedVideoResumer>.Instance);

    /// <summary>A host whose start-up is over, as it is when the resumer's wait ends.</summary>
    private sealed class StartedHost : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
