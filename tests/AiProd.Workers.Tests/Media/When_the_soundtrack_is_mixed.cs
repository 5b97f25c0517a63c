using System.Globalization;
using AiProd.Contracts;
using AiProd.Workers.Render;
using AiProd.Workers.Render.Soundtracks;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// The soundtrack's mix and its loudness come from one ffmpeg run: the gain it gives is the one a separate ebur128
/// measurement of the written WAV gives, and the WAV is what the composer expects (48 kHz stereo, 32-bit float).
/// </summary>
[Category("Integration")]
public sealed class When_the_soundtrack_is_mixed
{
    private readonly MediaKit _kit = new();

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [TestCase(true)]
    [TestCase(false)]
    public async Task Should_measure_the_loudness_of_exactly_what_it_wrote(bool narrated)
    {
        var options = new RenderOptions();
        IReadOnlyList<Shot> shots =
        [
            MediaKit.Shot("sh1", 0, 2.0, "dissolve", "waves", "push in", "wide") with { Narration = "The harbour wakes before the sun." },
            MediaKit.Shot("sh2", 1, 1.5, "cut", "rings", "pan left", "close-up") with { Narration = "Boats slip out, one by one." },
        ];
        var request = new VideoRequest("A quiet harbour at dawn", 3.5, FrameRate: 24) { Narration = narrated };
        var maker = new SoundtrackMaker(_kit.Tool, _kit.Probe, new AiProd.Workers.Render.Narration.EspeakTextToSpeech(_kit.Tool), Options.Create(options));

        var soundtrack = await maker.MakeAsync(request, shots, CompositionPlan.For(shots, 24), _kit.PathOf($"soundtrack-{narrated}"), [], CancellationToken.None);

        var measured = await _kit.Tool.FfmpegAsync(["-v", "info", "-nostats", "-i", soundtrack.WavFile, "-af", "ebur128=peak=none", "-f", "null", "-"], "Test", CancellationToken.None);
        var streams = await _kit.Tool.FfprobeAsync(
            ["-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "csv=p=0", soundtrack.WavFile], "Test", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(soundtrack.GainDb, Is.EqualTo(options.TargetLufs - maker.IntegratedLoudness(measured.StdErr)).Within(1e-9));
            Assert.That(maker.IntegratedLoudness(measured.StdErr), Is.Not.EqualTo(options.TargetLufs), "the mix is not silent");
            Assert.That(streams.StdOut.Trim(), Is.EqualTo("pcm_f32le,48000,2"));
            Assert.That(soundtrack.Cues, narrated ? Has.Count.EqualTo(2) : Is.Empty);
        });
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gain {soundtrack.GainDb:0.0} dB"));
    }
}
