using System.Globalization;
using AiProd.Contracts;
using AiProd.Workers.Qa;
using AiProd.Workers.Qa.Consistency;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// A real clip made with ffmpeg (moving bars, a black second and a half, a frozen two and a half, a tone then silence)
/// measured by QA's one decode and by the separate passes it replaced (ffprobe's frame count, the defect scan, the
/// semantic decode, the consistency scorer's decode, written out here as they ran), both parts in one decode and as the
/// two side by side that technical QA runs: every signal must be the same, and semantic QA must reach the same verdict
/// from the decode technical QA started for it as from a decode of its own.
/// </summary>
[Category("Integration")]
public class When_qa_signals_come_from_one_decode
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private MediaKit _kit = null!;
    private string _clip = null!;
    private string _truncated = null!;

    [OneTimeSetUp]
    public async Task Make_a_clip()
    {
        _kit = new MediaKit();
        _clip = await _kit.MakeAsync(
            "mixed.mp4",
            "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=24:d=3",
            "-f", "lavfi", "-i", "color=black:s=1280x720:r=24:d=1.5",
            "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=24:d=0.04,loop=loop=59:size=1",
            "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=4",
            "-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono:d=3",
            "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0[v];[3:a][4:a]concat=n=2:v=0:a=1[a]",
            "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-ac", "2", "-metadata", "title=fixture", "-movflags", "+faststart");
        var whole = await _kit.MakeClipAsync("whole.mp4", "testsrc2=s=1280x720:r=24", 4);
        _truncated = _kit.PathOf("truncated.mp4");
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(_truncated, bytes[..(bytes.Length * 55 / 100)]);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    /// <summary>Both parts in one decode, or (as technical QA runs them) the technical and the semantic part as two.</summary>
    private async Task<QaPassResult> OnePass(string file, QaOptions o, bool together = true)
    {
        var pass = new QaPass(_kit.Tool);
        if (together)
            return await pass.RunAsync(file, technical: true, semantic: true, hasAudio: true, 7, 7, 24, o, "Test", CancellationToken.None);
        var technical = pass.RunAsync(file, technical: true, semantic: false, hasAudio: true, 7, 7, 24, o, "Test", CancellationToken.None);
        var semantic = pass.RunAsync(file, technical: false, semantic: true, hasAudio: false, 0, 0, 24, o, "Test", CancellationToken.None);
        var (t, s) = (await technical, await semantic);
        return t with { Signals = s.Signals, Frames = s.Frames };
    }

    [TestCase(true, 1)]
    [TestCase(false, 1)]
    [TestCase(true, 4)]
    [TestCase(false, 4)]
    public async Task Should_measure_what_the_separate_passes_measured(bool together, int detailEvery)
    {
        var o = new QaOptions { SemanticDetailEvery = detailEvery };
        var one = await OnePass(_clip, o, together);

        var (counted, _) = await _kit.Probe.ProbeAsync(_clip, countFrames: true, "Test", CancellationToken.None);
        var defects = await _kit.Tool.FfmpegAsync(
        [
            "-v", "info", "-nostats", "-i", _clip,
            "-map", "0:v:0", "-vf", $"blackdetect=d={N(o.BlackMinSeconds)}:pix_th={N(o.BlackPixelThreshold)},freezedetect=n={o.FreezeNoise}:d={N(o.FreezeMinSeconds)}",
            "-f", "null", "-",
            "-map", "0:a:0", "-af", $"silencedetect=n={o.SilenceNoise}:d={N(o.SilenceMinSeconds)},ebur128=peak=none:metadata=1,ametadata=print:key=lavfi.r128.M:file=-",
            "-f", "null", "-",
        ], "Test", CancellationToken.None);
        var scan = DefectScanner.Parse(defects.StdErr, 7, 7);
        var semantic = await _kit.Tool.FfmpegAsync(
        [
            "-v", "error", "-an", "-sn", "-i", _clip, "-filter_complex",
            $"[0:v:0]scale={o.SemanticAnalysisWidth}:-2,format=yuv420p,split[a][b];[b]trim=start_frame=1,setpts=PTS-STARTPTS[next];"
            + "[a]setpts=PTS-STARTPTS,signalstats,siti,scdet=t=10,blurdetect[cur];[cur][next]ssim,metadata=mode=print:file=-",
            "-f", "null", "-",
        ], "Test", CancellationToken.None);
        var signals = SignalSeries.Parse(semantic.StdOut);
        var frames = await VideoFrames.DecodeAsync(_kit.Tool, _clip, 24, "Test", CancellationToken.None);

        Assert.That(one.FramesRead, Is.EqualTo(counted!.Video!.FramesRead).And.EqualTo(7 * 24));
        Assert.That(scan.Defects.Select(d => d.Kind), Is.EquivalentTo(new[] { "black", "frozen", "silence" }), "the fixture has one of each");
        Assert.That(one.Defects!.Defects, Is.EqualTo(scan.Defects));
        Assert.That(one.Defects.IntegratedLufs, Is.EqualTo(DefectScanner.Integrated(defects.StdErr)).And.Not.Null);
        Assert.That(one.Defects.Momentary, Is.EqualTo(DefectScanner.MomentarySeries(defects.StdOut)).And.Not.Empty);

        var s = one.Signals!;
        Assert.That(s.Frames, Is.EqualTo(signals.Frames).And.EqualTo(7 * 24));
        Assert.That(s.Time, Is.EqualTo(signals.Time));
        Assert.That(s.LumaMean, Is.EqualTo(signals.LumaMean));
        Assert.That(s.LumaDiff, Is.EqualTo(signals.LumaDiff));
        Assert.That(s.LumaSpread, Is.EqualTo(signals.LumaSpread));
        // Detail and blur are per-frame measures: sampled, they are the full run's values of every Nth frame. TI compares
        // consecutive frames, so only a run over every frame keeps it.
        Assert.That(s.SpatialInfo, Is.EqualTo(signals.SpatialInfo.Where((_, i) => i % detailEvery == 0)));
        Assert.That(s.Blur, Is.EqualTo(signals.Blur.Where((_, i) => i % detailEvery == 0)));
        Assert.That(s.SpatialInfo, Has.Count.EqualTo((7 * 24 + detailEvery - 1) / detailEvery));
        Assert.That(s.TemporalInfo, detailEvery == 1 ? Is.EqualTo(signals.TemporalInfo) : Is.Empty);
        Assert.That(s.AdjacentSsim, Is.EqualTo(signals.AdjacentSsim));
        Assert.That(s.Cuts, Is.EqualTo(signals.Cuts).And.Not.Empty);
        Assert.That(one.Frames!.Count, Is.EqualTo(frames!.Count));
        for (var i = 0; i < frames.Count; i++)
            Assert.That(one.Frames.Rgb[i], Is.EqualTo(frames.Rgb[i]), $"frame {i}");
    }

    [Test]
    public async Task Should_count_the_frames_of_a_truncated_file_as_ffprobe_does()
    {
        var one = await OnePass(_truncated, new QaOptions());
        var (counted, _) = await _kit.Probe.ProbeAsync(_truncated, countFrames: true, "Test", CancellationToken.None);
        Assert.That(one.FramesRead, Is.EqualTo(counted?.Video?.FramesRead ?? 0).And.LessThan(4 * 24));
    }

    [Test]
    public async Task Should_give_semantic_qa_the_signals_technical_qa_measured()
    {
        var cache = new QaSignalCache(TimeProvider.System);
        var options = Options.Create(new QaOptions());
        var technical = new FfprobeTechnicalQa(_kit.Tool, _kit.Probe, options, NullLogger<FfprobeTechnicalQa>.Instance, cache);
        var alone = await _kit.TechnicalQa().CheckAsync(_clip, new QaExpectations(7, 1280, 720, 24), [], CancellationToken.None);
        var shared = await technical.CheckAsync(_clip, new QaExpectations(7, 1280, 720, 24, SemanticSignals: true), [], CancellationToken.None);
        Assert.That(cache.Count, Is.EqualTo(1));
        Assert.That(shared.Passed, Is.EqualTo(alone.Passed));
        Assert.That(shared.Checks, Is.EqualTo(alone.Checks));
        Assert.That(shared.Defects, Is.EqualTo(alone.Defects));

        Shot[] shots = [MediaKit.Shot("a", 0, 3, "cut", "bars", "pan left", "wide"), MediaKit.Shot("b", 1, 4, "cut", "bars", "static", "wide")];
        var command = MediaKit.SemanticCommand(_clip, shots, [new ShotTiming("a", 0, 3), new ShotTiming("b", 3, 4)], 7);
        var fromCache = await new OfflineSemanticQa(_kit.Tool, options, NullLogger<OfflineSemanticQa>.Instance, signals: cache)
            .EvaluateAsync(_clip, command, CancellationToken.None);
        Assert.That(cache.Count, Is.Zero, "the semantic stage takes the decode technical QA started");
        var decoded = await _kit.SemanticQa().EvaluateAsync(_clip, command, CancellationToken.None);
        Assert.That(fromCache.Passed, Is.EqualTo(decoded.Passed));
        Assert.That(fromCache.Overall, Is.EqualTo(decoded.Overall));
        Assert.That(fromCache.VisualQuality, Is.EqualTo(decoded.VisualQuality));
        Assert.That(fromCache.TechnicalExcellence, Is.EqualTo(decoded.TechnicalExcellence));
        Assert.That(fromCache.Consistency, Is.EqualTo(decoded.Consistency));
        Assert.That(fromCache.Feedback, Is.EqualTo(decoded.Feedback));
    }

    private static string N(double v) => v.ToString("0.######", Inv);
}
