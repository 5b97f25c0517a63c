using AiProd.Contracts;
using AiProd.Workers.Qa;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// A corpus of 2-shot videos of one scene each (320x180, made with ffmpeg): the same look throughout, a bright shot cut to
/// a dark one, the same pattern cut to other colours, and a pan that carries through its cut against one that jumps. The
/// scorer must tell them apart, say what each measure came from, and answer a second look from its cache.
/// </summary>
[Category("Integration")]
public class When_consistency_is_scored
{
    private MediaKit _kit = null!;
    private string _even = null!;
    private string _uneven = null!;
    private string _recoloured = null!;
    private string _pan = null!;
    private string _jump = null!;

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch.AddYears(56);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [OneTimeSetUp]
    public async Task Make_two_videos()
    {
        _kit = new MediaKit();
        _even = await _kit.MakeClipAsync("even.mp4", "testsrc2=s=320x180:r=24:d=4", 4, audio: false);
        _uneven = await _kit.MakeClipAsync("uneven.mp4", "testsrc2=s=320x180:r=24:d=4,eq=brightness='if(lt(t,2),0.35,-0.35)':eval=frame", 4, audio: false);
        // The same picture, its hues turned half way round at the cut: a jarring colour change, brightness about the same.
        _recoloured = await _kit.MakeClipAsync("recoloured.mp4", "testsrc2=s=320x180:r=24:d=4,hue=h='if(lt(t,2),0,180)'", 4, audio: false);
        // A window panning across a wide picture: through the cut, and jumping to another part of it at the cut.
        _pan = await _kit.MakeClipAsync("pan.mp4", "testsrc2=s=1600x180:r=24:d=4,crop=320:180:x='t*150':y=0", 4, audio: false);
        _jump = await _kit.MakeClipAsync("jump.mp4", "testsrc2=s=1600x180:r=24:d=4,crop=320:180:x='if(lt(t,2),t*150,1280-(t-2)*150)':y=0", 4, audio: false);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    private static RunSemanticQa Command(string file)
    {
        Shot[] shots = [MediaKit.Shot("a", 0, 2, "cut", "bars", "pan left", "wide"), MediaKit.Shot("b", 1, 2, "cut", "bars", "pan left", "wide") with { SceneIndex = 0 }];
        var scene = new Scene(0, "setup", "A lighthouse at dusk above the rocks", "pan", "dusk", "calm", 4) { Narration = "The lighthouse stands at dusk." };
        return MediaKit.SemanticCommand(file, shots, [new ShotTiming("a", 0, 2), new ShotTiming("b", 2, 2)], 4) with
        {
            Request = new VideoRequest("A lighthouse at dusk, waves crashing on the rocks", 4),
            Direction = new CreativeDirection(1, "Lighthouse", [scene], []),
        };
    }

    private OfflineSemanticQa Qa(ConsistencyScorer scorer) =>
        new(_kit.Tool, Options.Create(new QaOptions()), NullLogger<OfflineSemanticQa>.Instance, scorer);

    [Test]
    public async Task Should_score_a_bright_to_dark_cut_inside_a_scene_as_less_consistent()
    {
        var scorer = new ConsistencyScorer(_kit.Tool, TimeProvider.System);
        var even = (await Qa(scorer).EvaluateAsync(_even, Command(_even), CancellationToken.None)).Consistency!;
        var uneven = (await Qa(scorer).EvaluateAsync(_uneven, Command(_uneven), CancellationToken.None)).Consistency!;
        Assert.Multiple(() =>
        {
            Assert.That(even.VisualConsistency.Score, Is.GreaterThan(0.8), even.VisualConsistency.Basis);
            Assert.That(uneven.VisualConsistency.Score, Is.LessThan(even.VisualConsistency.Score - 0.3), uneven.VisualConsistency.Basis);
            Assert.That(uneven.StyleUniformity.Score, Is.LessThan(even.StyleUniformity.Score), uneven.StyleUniformity.Basis);
            Assert.That(even.NarrativeFlow.Score, Is.InRange(0.0, 1.0));
            Assert.That(even.NarrativeFlow.Basis, Does.StartWith("sentence embeddings:").And.Contain("all-MiniLM-L6-v2"));
            Assert.That(even.VisualConsistency.Basis, Does.Contain("HSV histogram").And.Contain("SSIM"));
        });
    }

    [Test]
    public async Task Should_score_a_jarring_colour_cut_inside_a_scene_below_one_look()
    {
        var scorer = new ConsistencyScorer(_kit.Tool, TimeProvider.System);
        var even = (await scorer.ScoreAsync(_even, Command(_even), CancellationToken.None))!;
        var recoloured = (await scorer.ScoreAsync(_recoloured, Command(_recoloured), CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(recoloured.VisualConsistency.Score, Is.LessThan(even.VisualConsistency.Score - 0.2),
                $"{even.VisualConsistency.Basis} | {recoloured.VisualConsistency.Basis}");
            Assert.That(recoloured.StyleUniformity.Score, Is.LessThan(even.StyleUniformity.Score), recoloured.StyleUniformity.Basis);
            Assert.That(ConsistencyScorer.Feedback(recoloured).Any(f => f.StartsWith("consistent-look:", StringComparison.Ordinal)), Is.EqualTo(recoloured.VisualConsistency.Score < 0.5));
        });
    }

    [Test]
    public async Task Should_score_a_pan_that_carries_through_its_cut_above_a_hard_jump()
    {
        var scorer = new ConsistencyScorer(_kit.Tool, TimeProvider.System);
        var pan = (await scorer.ScoreAsync(_pan, Command(_pan), CancellationToken.None))!;
        var jump = (await scorer.ScoreAsync(_jump, Command(_jump), CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(pan.TemporalCoherence.Score, Is.GreaterThan(0.8), pan.TemporalCoherence.Basis);
            Assert.That(jump.TemporalCoherence.Score, Is.LessThan(pan.TemporalCoherence.Score - 0.3), jump.TemporalCoherence.Basis);
            Assert.That(jump.TemporalCoherence.Basis, Does.Contain("1 boundary"));
        });
    }

    [Test]
    public async Task Should_answer_the_same_video_and_plan_from_its_cache_for_168_hours()
    {
        var clock = new Clock();
        var scorer = new ConsistencyScorer(_kit.Tool, clock);
        var first = (await Qa(scorer).EvaluateAsync(_even, Command(_even), CancellationToken.None)).Consistency;
        var again = (await Qa(scorer).EvaluateAsync(_even, Command(_even), CancellationToken.None)).Consistency;
        Assert.That(again, Is.SameAs(first));
        clock.Now += TimeSpan.FromHours(169);
        var later = (await Qa(scorer).EvaluateAsync(_even, Command(_even), CancellationToken.None)).Consistency;
        Assert.That(later, Is.Not.SameAs(first));
        Assert.That(later, Is.EqualTo(first));
    }
}
