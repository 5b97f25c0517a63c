using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Direction;

namespace AiProd.Providers.Tests.Gemini;

[Category("Integration")]
public class When_gemini_directs_a_video
{
    [Test]
    public async Task Should_return_scenes_that_fill_the_requested_duration()
    {
        await using var kit = await GeminiKit.StartAsync();
        var direction = await kit.Director.DirectAsync(GeminiKit.Command(seconds: 7, scenes: 3), CancellationToken.None);

        var call = kit.Stub.Calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.Status, Is.EqualTo(200));
            Assert.That(direction.Scenes, Has.Count.EqualTo(3));
            Assert.That(direction.Scenes.Sum(s => s.DurationSeconds), Is.EqualTo(7.0).Within(0.001));
            Assert.That(direction.Scenes.Select(s => s.Index), Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(direction.Scenes.Select(s => s.Beat), Is.EqualTo(new[] { "setup", "climax", "resolution" }));
            Assert.That(direction.Scenes[0].Description, Does.Contain("lighthouse"));
            Assert.That(direction.Title, Is.Not.Empty);
            Assert.That(direction.Notes[0], Does.StartWith("gemini (gemini-2.5-flash) directed attempt 1"));
            Assert.That(call.Body!["generationConfig"]!["responseMimeType"]!.GetValue<string>(), Is.EqualTo("application/json"));
            Assert.That(call.Body["systemInstruction"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Should_send_the_previous_scores_reasons_and_feedback_and_act_on_them()
    {
        await using var kit = await GeminiKit.StartAsync();
        var first = await kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None);
        var second = await kit.Director.DirectAsync(
            GeminiKit.Command(attempt: 2, previousQa: GeminiKit.FailedQa(), previousDirection: first), CancellationToken.None);

        var sent = GeminiKit.TextOf(kit.Stub.Calls[^1]);
        Assert.Multiple(() =>
        {
            Assert.That(sent, Does.Contain("overall 5.4 of 10, needed 7.0, failed"));
            Assert.That(sent, Does.Contain("frames are dim (mean luma 48)").And.Contain("the planned cut at 2 s is missing"));
            Assert.That(sent, Does.Contain("- more-motion: keep the subject moving.").And.Contain("- brighter: lift the exposure."));
            Assert.That(sent, Does.Contain(first.Scenes[0].Description));
            Assert.That(second.Attempt, Is.EqualTo(2));
            Assert.That(second.Scenes.Select(s => s.Camera), Has.All.Contain(DirectionCues.Dynamic));
            Assert.That(second.Scenes.Select(s => s.Lighting), Has.All.StartWith(DirectionCues.Bright));
            Assert.That(second.Notes, Has.Some.StartWith("more-motion:").And.Some.StartWith("brighter:"));
        });
        Assert.That(CreativeFeedback.Parse(GeminiKit.FailedQa().Feedback).CameraStyle, Is.EqualTo(CameraStyle.Dynamic), "the feedback tags are the ones the offline director also knows");
    }

    [Test]
    public async Task Should_normalise_durations_that_are_slightly_off_and_say_so()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.Answer(Direction(("setup", 3.1), ("climax", 3.2))));
        var direction = await kit.Director.DirectAsync(GeminiKit.Command(seconds: 6, scenes: 2), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(direction.Scenes.Sum(s => s.DurationSeconds), Is.EqualTo(6.0).Within(0.001));
            Assert.That(direction.Scenes[0].DurationSeconds, Is.EqualTo(2.95).Within(0.001));
            Assert.That(direction.Notes, Has.Some.Contains("normalised from 6.3 s to the requested 6 s"));
        });
    }

    [TestCase(new[] { "setup", "climax" }, new[] { 2.0, 2.0 }, "invalid_direction", "add up to 4 s, the request is 6 s")]
    [TestCase(new[] { "setup", "climax" }, new[] { 5.5, 0.5 }, "invalid_direction", "shorter than 1.5 s")]
    [TestCase(new[] { "setup", "finale" }, new[] { 3.0, 3.0 }, "malformed_response", "is not one of")]
    [TestCase(new[] { "setup", "rising", "rising", "rising", "rising", "climax" }, new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, "invalid_direction", "expected 1–4")]
    public async Task Should_fail_the_creative_stage_with_a_reason_when_the_direction_cannot_be_used(string[] beats, double[] seconds, string code, string reason)
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.Answer(Direction([.. beats.Zip(seconds)])));

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(seconds: 6, scenes: 2), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Stage, Is.EqualTo("Creative"));
            Assert.That(failure.Code, Is.EqualTo(code));
            Assert.That(failure.Message, Does.Contain(reason));
        });
    }

    [Test]
    public async Task Should_not_reuse_an_unusable_direction_from_the_cache()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.Answer(Direction(("setup", 1.0), ("climax", 1.0))));

        Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(seconds: 6, scenes: 2), CancellationToken.None));
        var direction = await kit.Director.DirectAsync(GeminiKit.Command(seconds: 6, scenes: 2), CancellationToken.None);

        Assert.That(direction.Scenes.Sum(s => s.DurationSeconds), Is.EqualTo(6.0).Within(0.001));
        Assert.That(kit.Stub.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task Should_refuse_a_scene_without_a_description()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.Answer(Direction(("setup", 3.0), ("climax", 3.0)).Replace("\"what happens\"", "\"  \"", StringComparison.Ordinal)));

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(seconds: 6, scenes: 2), CancellationToken.None));
        Assert.That(failure!.Message, Does.Contain("scenes[0].description is empty"));
    }

    /// <summary>A direction answer with one scene per (beat, seconds).</summary>
    internal static string Direction(params (string Beat, double Seconds)[] scenes) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            title = "Lighthouse",
            scenes = scenes.Select(s => new { beat = s.Beat, description = "what happens", camera = "slow push-in", lighting = "dusk", mood = "calm", narration = "A line.", durationSeconds = s.Seconds }),
            notes = Array.Empty<string>(),
        });
}
