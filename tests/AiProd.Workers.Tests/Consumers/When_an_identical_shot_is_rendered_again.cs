using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Workers.Render;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiProd.Workers.Tests.Consumers;

/// <summary>The render cache on the real render worker: a shot identical to one already rendered is reused, not paid again.</summary>
[Category("Integration")]
public class When_an_identical_shot_is_rendered_again
{
    private static Shot AShot(string id) => new(
        id, 0, 0, "a lighthouse beam sweeping over the sea", "wide", "pan right", "cut", ["start", "middle", "end"], 1.5,
        new ShotSpec(640, 360, 24, "#d08040", "#203050", 0.7, 0.5, "waves", "Lighthouse"));

    private static async Task<(WorkerHarness Workers, Func<int> Calls)> StartAsync(IDictionary<string, string?>? settings = null)
    {
        CountingRenderer? counting = null;
        var workers = await WorkerHarness.StartAsync(
            s => s.RemoveAll<IShotRenderer>().AddSingleton<IShotRenderer>(sp => counting = new CountingRenderer(sp.GetRequiredService<LocalShotRenderer>())),
            settings);
        return (workers, () => counting?.Calls ?? 0);
    }

    [Test]
    public async Task Should_reuse_the_clip_in_another_video_for_nothing()
    {
        var (workers, calls) = await StartAsync();
        await using var _ = workers;
        await workers.SendAsync(new RenderShot(Guid.NewGuid(), 1, AShot("c1-s00-sh01"), "local", ["local"]));
        var first = (await workers.Published<ShotRendered>(1))[0].Shot;
        var otherVideo = Guid.NewGuid();
        await workers.SendAsync(new RenderShot(otherVideo, 1, AShot("c2-s01-sh03"), "local", ["local"]));
        var second = (await workers.Published<ShotRendered>(2))[1].Shot;

        var assets = workers.Services.GetRequiredService<IAssetStore>();
        var firstBytes = await File.ReadAllBytesAsync(await assets.GetLocalFileAsync(first.AssetUri, CancellationToken.None));
        var secondBytes = await File.ReadAllBytesAsync(await assets.GetLocalFileAsync(second.AssetUri, CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(calls(), Is.EqualTo(1), "rendered once");
            Assert.That(first.CostUsd, Is.GreaterThan(0m));
            Assert.That(second.CostUsd, Is.Zero, "a reused clip is not paid again");
            Assert.That(second.ReusedFrom, Is.EqualTo(first.AssetUri));
            Assert.That(second.AssetUri, Does.Contain(otherVideo.ToString("N")), "the other video gets its own copy");
            Assert.That(secondBytes, Is.EqualTo(firstBytes));
            Assert.That(second.Attempts.Single().Outcome, Is.EqualTo(RenderAttempt.Succeeded));
        });
    }

    [Test]
    public async Task Should_render_anew_when_asked_for_a_fresh_render_or_when_the_cache_is_off()
    {
        var (workers, calls) = await StartAsync();
        await using (workers)
        {
            await workers.SendAsync(new RenderShot(Guid.NewGuid(), 1, AShot("c1-s00-sh01"), "local", ["local"]));
            await workers.Published<ShotRendered>(1);
            // Technical QA sent the shot back: its clip may be the defect, so it must not come from the cache.
            await workers.SendAsync(new RenderShot(Guid.NewGuid(), 2, AShot("c1-s00-sh01"), "local", ["local"]) { Fresh = true });
            var fresh = (await workers.Published<ShotRendered>(2))[1].Shot;
            Assert.Multiple(() =>
            {
                Assert.That(calls(), Is.EqualTo(2));
                Assert.That(fresh.ReusedFrom, Is.Null);
                Assert.That(fresh.CostUsd, Is.GreaterThan(0m));
            });
        }

        var (off, offCalls) = await StartAsync(new Dictionary<string, string?> { ["RenderCache:Entries"] = "0" });
        await using (off)
        {
            await off.SendAsync(new RenderShot(Guid.NewGuid(), 1, AShot("c1-s00-sh01"), "local", ["local"]));
            await off.Published<ShotRendered>(1);
            await off.SendAsync(new RenderShot(Guid.NewGuid(), 1, AShot("c1-s00-sh01"), "local", ["local"]));
            await off.Published<ShotRendered>(2);
            Assert.That(offCalls(), Is.EqualTo(2), "RenderCache:Entries=0 turns the cache off");
        }
    }

    [Test]
    public async Task Should_render_again_when_the_cached_clip_is_gone()
    {
        var (workers, calls) = await StartAsync();
        await using var _ = workers;
        await workers.SendAsync(new RenderShot(Guid.NewGuid(), 1, AShot("c1-s00-sh01"), "local", ["local"]));
        var first = (await workers.Published<ShotRendered>(1))[0].Shot;
        File.Delete(await workers.Services.GetRequiredService<IAssetStore>().GetLocalFileAsync(first.AssetUri, CancellationToken.None));

        await workers.SendAsync(new RenderShot(Guid.NewGuid(), 1, AShot("c1-s00-sh01"), "local", ["local"]));
        var second = (await workers.Published<ShotRendered>(2))[1].Shot;
        Assert.Multiple(() =>
        {
            Assert.That(calls(), Is.EqualTo(2));
            Assert.That(second.ReusedFrom, Is.Null);
            Assert.That(second.CostUsd, Is.GreaterThan(0m));
        });
    }
}
