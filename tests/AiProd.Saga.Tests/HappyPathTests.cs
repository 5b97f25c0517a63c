using AiProd.Contracts;

namespace AiProd.Saga.Tests;

public class When_every_step_succeeds : PipelineDriver
{
    [Test]
    public async Task Should_walk_the_eleven_states_and_publish_VideoCompleted_once()
    {
        await ToQaSemantic(shots: 3);
        await AnswerSemanticQa(8.2);
        await InState(m => m.Finalize);
        var finalize = await Published<FinalizeVideo>();
        await Publish(new VideoFinalized(VideoId, finalize.Attempt, "file:///assets/video.mp4", "file:///assets/manifest.json"));
        var video = await InState(m => m.Complete);

        var completed = await Published<VideoCompleted>(c => c.VideoId == VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(video.History.Select(h => h.Stage), Is.EqualTo(VideoStages.Ordered));
            Assert.That(video.History.All(h => h.LeftAt is not null), Is.True, "every stage has left (Complete is terminal)");
            Assert.That(completed.AssetUri, Is.EqualTo("file:///assets/video.mp4"));
            Assert.That(completed.ActualCostUsd, Is.EqualTo(0.03m), "three shots at $0.01");
            Assert.That(completed.EstimatedCostUsd, Is.EqualTo(0.02m));
            Assert.That(completed.SemanticScore, Is.EqualTo(8.2));
            Assert.That(finalize.Manifest.Shots, Has.Count.EqualTo(3));
            Assert.That(finalize.Manifest.History.Select(h => h.Stage), Does.Contain(VideoStages.QaSemantic));
        });
        Assert.That(AllEvents<VideoCompleted>(c => c.VideoId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_publish_VideoStateChanged_for_every_transition_with_growing_progress()
    {
        await ToQaSemantic(shots: 2);
        await Published<VideoStateChanged>(c => c.VideoId == VideoId && c.ToState == VideoStages.QaSemantic);
        var changes = AllEvents<VideoStateChanged>(c => c.VideoId);
        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(c => c.ToState), Is.EqualTo(new[]
            {
                VideoStages.InputSanitizer, VideoStages.Analysis, VideoStages.Creative, VideoStages.Visual,
                VideoStages.Financial, VideoStages.Render, VideoStages.QaTech, VideoStages.QaSemantic,
            }));
            Assert.That(changes[0].FromState, Is.EqualTo(VideoStages.Init));
            Assert.That(changes.Select(c => c.ProgressPercent), Is.Ordered.Ascending);
            Assert.That(changes.Skip(1).Select(c => c.FromState), Is.EqualTo(changes.SkipLast(1).Select(c => c.ToState)));
        });
    }

    [Test]
    public async Task Should_ignore_a_second_GenerateVideo_with_the_same_id()
    {
        await Start();
        await Publish(new GenerateVideo(VideoId, Request with { Prompt = "something else" }));
        await Settle();
        Assert.Multiple(() =>
        {
            Assert.That(All<SanitizeInput>(), Has.Count.EqualTo(1));
            Assert.That(Current()!.Request.Prompt, Is.EqualTo(Request.Prompt));
        });
    }
}

public class When_the_sanitizer_cleans_the_prompt : PipelineDriver
{
    [Test]
    public async Task Should_work_from_the_cleaned_request_and_keep_the_submitted_one()
    {
        Request = Samples.Request() with { Prompt = "<b>A lighthouse</b> at dusk" };
        await Start();
        var sanitize = await Published<SanitizeInput>();
        var cleaned = Request with { Prompt = "A lighthouse at dusk" };
        await Publish(new InputSanitized(VideoId, sanitize.Attempt, new SanitizedRequest(cleaned, 0.0, ["markup removed"])));
        var analyze = await Published<AnalyzeRequest>();
        await Publish(new RequestAnalyzed(VideoId, analyze.Attempt, Samples.Analysis()));

        var direct = await Published<DirectCreative>();
        var video = await InState(m => m.Creative);
        Assert.Multiple(() =>
        {
            Assert.That(direct.Request.Prompt, Is.EqualTo("A lighthouse at dusk"));
            Assert.That(video.Submitted.Prompt, Is.EqualTo("<b>A lighthouse</b> at dusk"));
            Assert.That(video.History.Single(h => h.Stage == VideoStages.InputSanitizer).Outcome, Is.EqualTo("markup removed"));
        });
    }
}
