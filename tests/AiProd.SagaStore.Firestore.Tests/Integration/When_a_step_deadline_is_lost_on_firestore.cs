using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiProd.SagaStore.Firestore.Tests.Integration;

/// <summary>
/// The stalled-video sweep on Firestore: its range query on <c>stepDeadlineDueUnixMs</c> finds the video whose deadline
/// vanished (an integer field, served by Firestore's automatic index) and the video is resumed once.
/// </summary>
public class When_a_step_deadline_is_lost_on_firestore : FirestoreVideoSagaTest
{
    [Test]
    public async Task Should_find_the_video_by_its_overdue_deadline_and_send_the_missing_shots_once()
    {
        var plan = await ToRender(shots: 3);
        await Publish(new ShotRendered(VideoId, 1, Samples.Rendered(plan[0], 1)));
        await Stored(v => v?.RenderedShots.Count == 1 && v.Outbox.Count == 0, TimeSpan.FromSeconds(10));
        var video = (await Store.LoadAsync(VideoId))!;
        video.StepDeadlineDueUnixMs = (Clock.GetUtcNow() - TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds();
        await Store.UpdateAsync(video);

        var resumed = await Sweeper().ResumeStalledAsync(CancellationToken.None);
        var again = await Sweeper().ResumeStalledAsync(CancellationToken.None);

        await AtLeast<RenderShot>(5);
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(resumed, Is.EqualTo(1), "the range query matched the stored number");
            Assert.That(again, Is.Zero);
            Assert.That(All<RenderShot>().Count(r => r.Shot.ShotId == plan[0].ShotId), Is.EqualTo(1), "a rendered shot is not sent again");
            Assert.That(All<RenderShot>(), Has.Count.EqualTo(5));
        });
    }

    private StalledVideoResumer Sweeper() => ActivatorUtilities.CreateInstance<StalledVideoResumer>(
        Services, new NoLifetime(), Options.Create(new PipelineOptions { StalledAfter = TimeSpan.FromSeconds(30) }));

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
