using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Narration;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Soundtracks;

/// <summary>
/// Makes a video's soundtrack from its plan alone (no clip is read): each scene's line spoken, the ambient bed with the
/// voice over it and the bed ducked under it, and its integrated loudness measured (ebur128) in that same audio-only
/// ffmpeg pass, for the one linear gain to <see cref="RenderOptions.TargetLufs"/>. The composer runs it when no prepared
/// soundtrack matches; <see cref="PrepareSoundtrackConsumer"/> runs it while the shots render.
/// </summary>
public sealed class SoundtrackMaker(MediaTool tool, MediaProbe probe, ITextToSpeech voice, IOptions<RenderOptions> options)
{
    /// <summary>What the voice is spoken by, part of a prepared soundtrack's key.</summary>
    public string VoiceName => voice.Name;

    /// <summary>
    /// The soundtrack of <paramref name="shots"/> (in order) on <paramref name="plan"/>; its files are written beside
    /// <paramref name="filePrefix"/> and each is added to <paramref name="scratch"/> (the mix too: the caller keeps or moves it).
    /// </summary>
    internal async Task<Soundtrack> MakeAsync(
        VideoRequest request, IReadOnlyList<Shot> shots, CompositionPlan plan, string filePrefix, List<string> scratch, CancellationToken cancellationToken)
    {
        var spoken = request.Narration ? await SpeakAsync(request, shots, plan, filePrefix, scratch, cancellationToken) : [];
        var lines = NarrationPlan.Place([.. spoken.Select(l => (l.Scene, l.Text, l.SceneStart, l.Seconds))], plan.TotalSeconds);
        var voiceInputs = lines.Select(line => new CompositionGraph.VoiceInput(spoken.FindIndex(l => l.Scene == line.Cue.SceneIndex), line)).ToList();
        var (wav, lufs) = await MixAsync(spoken, voiceInputs, shots, plan.TotalSeconds, filePrefix, scratch, cancellationToken);
        var gain = options.Value.TargetLufs - lufs;
        return new Soundtrack(wav, [.. lines.Select(l => l.Cue)], Math.Clamp(gain, -30, 30));
    }

    private sealed record SpokenLine(int Scene, string Text, double SceneStart, double Seconds, string WavFile);

    /// <summary>Speaks every scene's line (on the first shot of its scene) into a WAV and measures it.</summary>
    private async Task<List<SpokenLine>> SpeakAsync(
        VideoRequest request, IReadOnlyList<Shot> shots, CompositionPlan plan, string filePrefix, List<string> scratch, CancellationToken cancellationToken)
    {
        var starts = plan.Timeline().ToDictionary(t => t.ShotId, t => t.StartSeconds, StringComparer.Ordinal);
        var spoken = new List<SpokenLine>();
        foreach (var shot in shots.Where(s => !string.IsNullOrWhiteSpace(s.Narration)).DistinctBy(s => s.SceneIndex))
        {
            var wav = $"{filePrefix}.line{spoken.Count}.wav";
            scratch.Add(wav);
            await voice.SynthesizeAsync(shot.Narration.Trim(), request, wav, cancellationToken);
            var seconds = WavDuration.TryRead(wav) ?? await probe.DurationAsync(wav, VideoStages.Render, cancellationToken);
            spoken.Add(new SpokenLine(shot.SceneIndex, shot.Narration.Trim(), starts.GetValueOrDefault(shot.ShotId), seconds, wav));
        }
        return spoken;
    }

    /// <summary>
    /// The audio-only pass (a fraction of a second): the bed and the voice mixed into a float WAV, not yet normalised,
    /// and its EBU R128 integrated loudness (ffmpeg ebur128) in LUFS, measured in the same run on exactly the samples
    /// written (48 kHz stereo float, converted once before the split).
    /// </summary>
    private async Task<(string Wav, double Lufs)> MixAsync(
        List<SpokenLine> spoken, IReadOnlyList<CompositionGraph.VoiceInput> voiceInputs, IReadOnlyList<Shot> shots, double seconds,
        string filePrefix, List<string> scratch, CancellationToken cancellationToken)
    {
        var graphFile = filePrefix + ".audio.txt";
        var wav = filePrefix + ".mix.wav";
        scratch.Add(graphFile);
        scratch.Add(wav);
        var graph = CompositionGraph.Soundtrack(seconds, shots, voiceInputs)
            + ";[aout]aformat=sample_fmts=flt:sample_rates=48000:channel_layouts=stereo,asplit=2[mix][measure];[measure]ebur128=peak=none[measured]";
        await File.WriteAllTextAsync(graphFile, graph, cancellationToken);
        List<string> args = ["-y", "-v", "info", "-nostats"];
        foreach (var line in spoken)
            args.AddRange(["-i", line.WavFile]);
        args.AddRange(["-filter_complex_script", graphFile, "-map", "[mix]", "-c:a", "pcm_f32le", wav, "-map", "[measured]", "-f", "null", "-"]);
        var result = await tool.FfmpegAsync(args, VideoStages.Render, cancellationToken);
        if (!result.Succeeded)
            throw new StepException(VideoStages.Render, "compose_failed", $"The soundtrack could not be mixed: {result.ErrorTail(2)}", retryable: true);
        return (wav, IntegratedLoudness(result.StdErr));
    }

    /// <summary>The integrated loudness of ebur128's closing summary, in LUFS; the target for silence (it cannot be brought up).</summary>
    internal double IntegratedLoudness(string log)
    {
        var at = log.LastIndexOf(" I:", StringComparison.Ordinal);
        var text = at < 0 ? "" : log[(at + 3)..].TrimStart();
        var end = text.IndexOfAny([' ', '\n']);
        return double.TryParse(end < 0 ? text : text[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var lufs) && lufs > -70
            ? lufs
            : options.Value.TargetLufs;
    }
}
