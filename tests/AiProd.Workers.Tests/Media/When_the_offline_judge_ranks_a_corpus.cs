using AiProd.Contracts;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// Calibration: a small corpus made with ffmpeg (320x180, 2 s) that a person would rank without hesitation. The offline
/// judge must rank it the same way, say it did not look at content, and never claim more than a craft score.
/// </summary>
[Category("Integration")]
public class When_the_offline_judge_ranks_a_corpus
{
    private const string Prompt = "A lighthouse at dusk, waves crashing on the rocks";
    private readonly Dictionary<string, SemanticQaReport> _reports = [];
    private MediaKit _kit = null!;

    [OneTimeSetUp]
    public async Task Judge_the_corpus()
    {
        _kit = new MediaKit();
        var sources = new Dictionary<string, string>
        {
            ["sharp"] = "testsrc2=s=320x180:r=24:d=2",
            ["blurred"] = "testsrc2=s=320x180:r=24:d=2,gblur=sigma=8",
            ["gradient"] = "gradients=s=320x180:r=24:d=2:speed=0.02,gblur=sigma=20",
            ["static"] = "testsrc2=s=320x180:r=24:d=2,trim=end_frame=1,loop=loop=-1:size=1,trim=end_frame=48,setpts=N/24/TB",
            ["strobing"] = "testsrc2=s=320x180:r=24:d=2,negate=enable='mod(n,2)'",
        };
        foreach (var (name, source) in sources)
            _reports[name] = await Judge(await _kit.MakeClipAsync(name + ".mp4", source, 2, audio: false), "The lighthouse at dusk as waves crash on the rocks");
        _reports["contradicting"] = await Judge(_kit.PathOf("sharp.mp4"), "A busy desert market at noon, camels and spice stalls");
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    private async Task<SemanticQaReport> Judge(string file, string caption)
    {
        Shot[] shots = [MediaKit.Shot("only", 0, 2, "cut", "bars", "static", "wide", caption: caption)];
        var command = MediaKit.SemanticCommand(file, shots, [new ShotTiming("only", 0, 2)], 2) with { Request = new VideoRequest(Prompt, 2) };
        return await _kit.SemanticQa().EvaluateAsync(file, command, CancellationToken.None);
    }

    [Test]
    public void Should_rank_sharp_moving_footage_above_every_flawed_clip()
    {
        var sharp = _reports["sharp"].Overall.Score;
        foreach (var flawed in new[] { "blurred", "gradient", "static", "strobing", "contradicting" })
            Assert.That(_reports[flawed].Overall.Score, Is.LessThan(sharp), $"{flawed}: {_reports[flawed].Overall.Basis} / {_reports[flawed].VisualQuality.Basis}");
    }

    [Test]
    public void Should_not_rate_a_blurred_gradient_as_sharp()
    {
        var gradient = _reports["gradient"];
        Assert.That(gradient.VisualQuality.Score, Is.LessThan(8.5), gradient.VisualQuality.Basis);
        Assert.That(gradient.Feedback, Has.Some.StartsWith("sharper:"));
    }

    [Test]
    public void Should_mark_captions_that_contradict_the_prompt()
    {
        Assert.That(_reports["contradicting"].NarrativeCoherence.Score, Is.LessThan(_reports["sharp"].NarrativeCoherence.Score));
        Assert.That(_reports["contradicting"].Feedback, Has.Some.StartsWith("follow-the-prompt:"));
        Assert.That(_reports["contradicting"].NarrativeCoherence.Basis, Does.Contain("lexical: 0 of"));
    }

    [Test]
    public void Should_say_content_was_not_assessed_and_claim_no_more_than_craft()
    {
        foreach (var (name, report) in _reports)
        {
            Assert.That(report.NotAssessed, Is.EqualTo(new[] { "content", "prompt_adherence" }), name);
            Assert.That(report.Overall.Score, Is.LessThanOrEqualTo(8.0), name);
            Assert.That(report.Overall.Basis, Does.Contain("content and prompt adherence were not assessed"), name);
        }
    }
}
