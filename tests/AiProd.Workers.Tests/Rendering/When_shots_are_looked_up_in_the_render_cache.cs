using AiProd.Contracts;
using AiProd.Workers.Render.Caching;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Rendering;

public class When_shots_are_looked_up_in_the_render_cache
{
    private static Shot AShot(string id = "c1-s00-sh01", int scene = 0, int order = 0) => new(
        id, scene, order, "a lighthouse beam sweeping over the sea", "wide", "pan right", "cut", ["start", "middle", "end"], 1.5,
        new ShotSpec(1280, 720, 24, "#d08040", "#203050", 0.7, 0.5, "waves", "Lighthouse"));

    private static RenderCache Cache(int entries) => new(Options.Create(new RenderCacheOptions { Entries = entries }));

    private static CachedClip Clip(string name) => new($"local:{Guid.Empty}/{name}", 1.5, "local", Guid.Empty, name);

    [Test]
    public void Should_key_a_shot_by_what_it_shows_not_by_its_id_or_place()
    {
        var key = RenderCache.KeyOf(AShot(), "local/216");
        Assert.Multiple(() =>
        {
            Assert.That(RenderCache.KeyOf(AShot("c2-s03-sh04", scene: 3, order: 7), "local/216"), Is.EqualTo(key), "another version or video, same content");
            Assert.That(RenderCache.KeyOf(AShot() with { Description = "a lighthouse at night" }, "local/216"), Is.Not.EqualTo(key));
            Assert.That(RenderCache.KeyOf(AShot() with { DurationSeconds = 2 }, "local/216"), Is.Not.EqualTo(key));
            Assert.That(RenderCache.KeyOf(AShot() with { TransitionOut = "dissolve" }, "local/216"), Is.Not.EqualTo(key), "the clip is cut longer for a dissolve");
            Assert.That(RenderCache.KeyOf(AShot() with { Spec = AShot().Spec with { Caption = "Harbour" } }, "local/216"), Is.Not.EqualTo(key));
            Assert.That(RenderCache.KeyOf(AShot() with { Keyframes = ["start", "middle", "storm"] }, "local/216"), Is.Not.EqualTo(key));
            Assert.That(RenderCache.KeyOf(AShot(), "local/360"), Is.Not.EqualTo(key), "another renderer set-up makes another clip");
            Assert.That(RenderCache.KeyOf(AShot(), "veo3/veo-3.0-generate-001"), Is.Not.EqualTo(key));
        });
    }

    [Test]
    public void Should_evict_the_least_recently_used_clip_when_full()
    {
        var cache = Cache(entries: 2);
        cache.Add("a", Clip("a"));
        cache.Add("b", Clip("b"));
        Assert.That(cache.TryGet("a", out _), Is.True, "a is now the most recently used");
        cache.Add("c", Clip("c"));

        Assert.Multiple(() =>
        {
            Assert.That(cache.Count, Is.EqualTo(2));
            Assert.That(cache.TryGet("b", out _), Is.False, "b was the least recently used");
            Assert.That(cache.TryGet("a", out var a) ? a.ClipName : null, Is.EqualTo("a"));
            Assert.That(cache.TryGet("c", out _), Is.True);
        });
    }

    [Test]
    public void Should_count_hits_and_misses_for_the_hit_ratio()
    {
        var cache = Cache(entries: 500);
        cache.Add("a", Clip("a"));
        cache.TryGet("a", out _);
        cache.TryGet("a", out _);
        cache.TryGet("a", out _);
        cache.TryGet("missing", out _);

        Assert.Multiple(() =>
        {
            Assert.That(cache.Hits, Is.EqualTo(3));
            Assert.That(cache.Misses, Is.EqualTo(1));
            Assert.That(cache.HitRatio, Is.EqualTo(0.75));
        });
    }

    [Test]
    public void Should_keep_nothing_when_turned_off_and_forget_a_clip_that_is_gone()
    {
        var off = Cache(entries: 0);
        off.Add("a", Clip("a"));
        var on = Cache(entries: 10);
        on.Add("a", Clip("a"));
        on.Forget("a");

        Assert.Multiple(() =>
        {
            Assert.That(off.Enabled, Is.False);
            Assert.That(off.Count, Is.Zero);
            Assert.That(on.TryGet("a", out _), Is.False);
        });
    }
}
