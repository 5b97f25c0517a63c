using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Render;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Workers.Tests.Consumers;

[Category("Integration")]
public class When_a_render_command_is_delivered_twice
{
    /// <summary>The real local renderer, counting how often it is asked to render.</summary>
    private sealed class CountingRenderer(LocalShotRenderer inner) : IShotRenderer
    {
        public int Calls;

        public string Backend => inner.Backend;

        public decimal QuoteUsd(Shot shot) => inner.QuoteUsd(shot);

        public Task<ShotRenderResult> RenderAsync(Guid videoId, Shot shot, string outputFile, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return inner.RenderAsync(videoId, shot, outputFile, cancellationToken);
        }
    }

    private static Shot AShot() => new(
        "c1-s00-sh01", 0, 0, "a lighthouse beam sweeping over the sea", "wide", "pan right", "cut", ["start", "middle", "end"], 1.5,
        new ShotSpec(1280, 720, 24, "#d08040", "#203050", 0.7, 0.5, "waves", "Lighthouse"));

    [Test]
    public async Task Should_render_once_and_answer_both_with_the_same_clip()
    {
        CountingRenderer? counting = null;
        await using var workers = await WorkerHarness.StartAsync(s => s.RemoveAll<IShotRenderer>().AddSingleton<IShotRenderer>(sp => counting = new CountingRenderer(sp.GetRequiredService<LocalShotRenderer>())));
        var videoId = Guid.NewGuid();
        var command = new RenderShot(videoId, 1, AShot(), "local", ["local"]);

        await workers.SendAsync(command);
        await workers.Published<ShotRendered>(1);
        await workers.SendAsync(command);
        var answers = await workers.Published<ShotRendered>(2);
        var clip = await workers.Services.GetRequiredService<IAssetStore>().GetLocalFileAsync(answers[0].Shot.AssetUri, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(counting!.Calls, Is.EqualTo(1), "the redelivered command is answered from the stored result");
            Assert.That(answers[1].Shot, Is.EqualTo(answers[0].Shot));
            Assert.That(answers[0].Shot.AssetUri, Does.StartWith("local:"), "a portable URI, no server path");
            Assert.That(File.Exists(clip), Is.True);
            Assert.That(answers[0].Shot.DurationSeconds, Is.EqualTo(1.5).Within(0.1));
            Assert.That(answers[0].Shot.CostUsd, Is.GreaterThan(0m));
        });
    }

    [Test]
    public async Task Should_report_a_step_failure_when_no_chosen_backend_runs_here()
    {
        await using var workers = await WorkerHarness.StartAsync();
        var videoId = Guid.NewGuid();
        await workers.SendAsync(new RenderShot(videoId, 1, AShot(), "veo3", ["runway"]));

        var failed = (await workers.Published<StepFailed>()).Single();
        Assert.Multiple(() =>
        {
            Assert.That(failed.Stage, Is.EqualTo(VideoStages.Render));
            Assert.That(failed.Code, Is.EqualTo("backend_unavailable"));
            Assert.That(failed.Message, Does.Contain("veo3, runway").And.Contain("local"));
            Assert.That(failed.Retryable, Is.True);
        });
    }
}
