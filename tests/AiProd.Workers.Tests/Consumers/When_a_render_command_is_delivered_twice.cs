using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Testing;
using AiProd.Workers.Render;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Workers.Tests.Consumers;

[Category("Integration")]
public class When_a_render_command_is_delivered_twice
{
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
    public async Task Should_not_render_again_after_a_crash_between_storing_the_clip_and_writing_its_record()
    {
        CountingRenderer? counting = null;
        CrashingAssetStore? store = null;
        await using var workers = await WorkerHarness.StartAsync(s => s
            .RemoveAll<IShotRenderer>().AddSingleton<IShotRenderer>(sp => counting = new CountingRenderer(sp.GetRequiredService<LocalShotRenderer>()))
            .RemoveAll<IAssetStore>().AddSingleton<IAssetStore>(sp => store = new CrashingAssetStore(ActivatorUtilities.CreateInstance<LocalAssetStore>(sp))));
        var command = new RenderShot(Guid.NewGuid(), 1, AShot(), "local", ["local"]);
        var record = $"steps/render-{command.Shot.ShotId}-a1.json";
        workers.Services.GetRequiredService<IAssetStore>();
        store!.CrashAt(name => name == record);

        await workers.SendAsync(command);
        var rendered = (await workers.Published<ShotRendered>()).Single();
        var clip = await store.GetLocalFileAsync(rendered.Shot.AssetUri, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(counting!.Calls, Is.EqualTo(1), "the redelivery reuses the stored clip");
            Assert.That(store.Puts.Count(n => n == record), Is.EqualTo(2), "crashed once, then written by the redelivery");
            Assert.That(store.Puts.Count(n => n.StartsWith("shots/", StringComparison.Ordinal)), Is.EqualTo(1), "the clip is stored once");
            Assert.That(File.Exists(clip), Is.True);
            Assert.That(rendered.Shot.CostUsd, Is.GreaterThan(0m));
            Assert.That(rendered.Shot.Attempts.Single().Outcome, Is.EqualTo(RenderAttempt.Succeeded), "one render, counted once");
        });
    }

    [Test]
    public async Task Should_render_again_when_the_stored_clip_is_not_the_one_its_journal_recorded()
    {
        CountingRenderer? counting = null;
        CrashingAssetStore? store = null;
        await using var workers = await WorkerHarness.StartAsync(s => s
            .RemoveAll<IShotRenderer>().AddSingleton<IShotRenderer>(sp => counting = new CountingRenderer(sp.GetRequiredService<LocalShotRenderer>()))
            .RemoveAll<IAssetStore>().AddSingleton<IAssetStore>(sp => store = new CrashingAssetStore(ActivatorUtilities.CreateInstance<LocalAssetStore>(sp))));
        var command = new RenderShot(Guid.NewGuid(), 1, AShot(), "local", ["local"]);
        workers.Services.GetRequiredService<IAssetStore>();
        store!.CrashAt(name => name == $"steps/render-{command.Shot.ShotId}-a1.json");
        // Damaged after it was stored: the redelivery must not trust it.
        var clipName = $"shots/{command.Shot.ShotId}-a1.mp4";
        var damaged = false;
        store.AfterPut = (videoId, name) =>
        {
            if (name == clipName && !damaged && (damaged = true))
                File.WriteAllBytes(Path.Combine(workers.Root, videoId.ToString("N"), "shots", $"{command.Shot.ShotId}-a1.mp4"), [0, 1, 2]);
        };

        await workers.SendAsync(command);
        var rendered = (await workers.Published<ShotRendered>()).Single();

        Assert.Multiple(() =>
        {
            Assert.That(counting!.Calls, Is.EqualTo(2), "a clip whose hash does not match its journal is rendered again");
            Assert.That(new FileInfo(store.GetLocalFileAsync(rendered.Shot.AssetUri, CancellationToken.None).Result).Length, Is.GreaterThan(1000));
        });
    }

    [Test]
    public async Task Should_delete_what_a_killed_run_of_the_step_left_when_it_runs_again()
    {
        await using var workers = await WorkerHarness.StartAsync();
        var command = new RenderShot(Guid.NewGuid(), 1, AShot(), "local", ["local"]);
        // What a worker killed mid-render leaves: its run folder with a half-written clip, and its lock, no longer held.
        var step = Path.Combine(workers.Root, command.VideoId.ToString("N"), ".work", $"render-{command.Shot.ShotId}-a1");
        var dead = Path.Combine(step, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dead);
        await File.WriteAllBytesAsync(Path.Combine(dead, "half-written.mp4"), new byte[1 << 16]);
        await File.WriteAllTextAsync(dead + ".lock", "");

        await workers.SendAsync(command);
        await workers.Published<ShotRendered>();

        var work = Path.Combine(workers.Root, command.VideoId.ToString("N"), ".work");
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(dead), Is.False, "the dead run's files");
            Assert.That(Directory.Exists(work) ? Directory.GetFiles(work, "*", SearchOption.AllDirectories) : [], Is.Empty, "nothing left once the step is done");
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
