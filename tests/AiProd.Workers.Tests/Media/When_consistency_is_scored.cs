using AiProd.Contracts;
using AiProd.Workers.Qa;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// Two 2-shot videos of one scene each (320x180): the same look throughout, and a bright shot cut to a dark one. The
/// scorer must tell them apart, say what each measure came from, and answer a second look from its cache.
/// </summary>
[Category("Integration")]
public class When_consistency_is_scored
{
    private MediaKit _kit = null!;
    private string _even = null!;
    private string _uneven = null!;

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
        var scorer = new ConsistencyScorer(TimeProvider.System);
        var even = (await Qa(scorer).EvaluateAsync(_even, Command(_even), CancellationToken.None)).Consistency!;
        var uneven = (await Qa(scorer).EvaluateAsync(_uneven, Command(_uneven), CancellationToken.None)).Consistency!;
        Assert.Multiple(() =>
        {
            Assert.That(even.VisualConsistency.Score, Is.GreaterThan(0.9), even.VisualConsistency.Basis);
            Assert.That(uneven.VisualConsistency.Score, Is.LessThan(even.VisualConsistency.Score - 0.3), uneven.VisualConsistency.Basis);
            Assert.That(uneven.StyleUniformity.Score, Is.LessThan(even.StyleUniformity.Score), uneven.StyleUniformity.Basis);
            Assert.That(even.NarrativeFlow.Score, Is.InRange(0.0, 1.0));
            Assert.That(even.NarrativeFlow.Basis, Does.StartWith("lexical:"));
            Assert.That(even.VisualConsistency.Basis, Does.Contain("not measured"));
        });
    }

    [Test]
    public async Task Should_answer_the_same_video_and_plan_from_its_cache_for_168_hours()
    {
        var clock = new Clock();
        var scorer = new ConsistencyScorer(clock);
        var first = (await Qa(scorer).EvaluateAsync(_even, Command(_even), CancellationToken.None)).Consistency;
        var again = (await Qa(scorer).EvaluateAsync(_even, Command(_even), CancellationToken.None)).Consistency;
        Assert.That(again, Is.SameAs(first));
        clock.Now += TimeSpan.FromHours(169);
        var later = (await Qa(scorer).EvaluateAsync(_even, Command(_even), CancellationToken.None)).Consistency;
        Assert.That(later, Is.Not.SameAs(first));
        Assert.That(later, Is.EqualTo(first));
    }
}
