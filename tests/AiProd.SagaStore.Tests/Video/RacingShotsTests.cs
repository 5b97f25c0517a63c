using AiProd.Contracts;
using AiProd.Saga;
using AiProd.Saga.Tests;

namespace AiProd.SagaStore.Tests.Video;

/// <summary>Every ShotRendered of the plan at once on one video's row: 20, and 50 (100 with the duplicates).</summary>
[TestFixture(20)]
[TestFixture(50)]
public class When_every_shot_of_a_video_finishes_at_once_on_SQLite(int shots) : SqliteVideoSagaTestBase
{
    private int Shots { get; } = shots;

    private async Task<List<RenderShot>> ToRender()
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
        await Publish(new VisualsTranslated(VideoId, translate.Attempt, Samples.Shots(direct.Attempt, Shots)));
        var estimate = (await Published<EstimateCost>())[0];
        await Publish(new CostEstimated(VideoId, estimate.Attempt, Samples.Estimate()));
        await InState(m => m.Render);
        return await Published<RenderShot>(Shots);
    }

    [Test]
    public async Task Should_record_each_shot_exactly_once_and_compose_once()
    {
        var commands = await ToRender();

        await Task.WhenAll(commands.Select(c => Publish(new ShotRendered(VideoId, c.Attempt, Samples.Rendered(c.Shot, c.Attempt)))));

        await Published<ComposeVideo>();
        await Task.Delay(600);
        var video = (await Videos.GetAsync(VideoId))!;
        Assert.Multiple(() =>
        {
            Assert.That(All<ComposeVideo>(), Has.Count.EqualTo(1), "ComposeVideo goes out once");
            Assert.That(All<ComposeVideo>()[0].Clips, Has.Count.EqualTo(Shots));
            Assert.That(video.RenderedShots.Keys, Is.EquivalentTo(commands.Select(c => c.Shot.ShotId)));
            Assert.That(video.RenderLedger, Has.Count.EqualTo(Shots), "each render paid once");
            Assert.That(video.ComposeRequested, Is.True);
            Assert.That(video.CurrentState, Is.EqualTo(VideoStages.Render));
        });
    }

    [Test]
    public async Task Should_count_duplicates_racing_with_originals_once()
    {
        var commands = await ToRender();

        var events = commands.SelectMany(c => Enumerable.Repeat(new ShotRendered(VideoId, c.Attempt, Samples.Rendered(c.Shot, c.Attempt)), 2));
        await Task.WhenAll(events.Select(Publish));

        await Published<ComposeVideo>();
        await Task.Delay(600);
        var video = (await Videos.GetAsync(VideoId))!;
        Assert.Multiple(() =>
        {
            Assert.That(All<ComposeVideo>(), Has.Count.EqualTo(1));
            Assert.That(video.RenderLedger, Has.Count.EqualTo(Shots));
        });
    }

    [Test]
    public async Task Should_keep_the_video_in_the_store_with_its_history()
    {
        await ToRender();

        var page = await Videos.ListAsync(new SagaListFilter(VideoStages.Render), 10, null);
        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(v => v.CorrelationId), Is.EqualTo(new[] { VideoId }));
            Assert.That(page.Items[0].History, Is.Not.Empty);
            Assert.That(page.Items[0].Version, Is.GreaterThan(0));
            Assert.That(page.Items[0].StepDeadlineToken, Is.Not.Null, "the pending step deadline's token is kept");
        });
    }
}
