using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Narration;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Soundtracks;

/// <summary>
/// Makes a video's soundtrack from its plan alone (no clip is read): each scene's line spoken, the ambient bed with the
/// voice over it and the bed ducked under it (one audio-only ffmpeg pass), then its integrated loudness measured
/// (ebur128) for the one linear gain to <see cref="RenderOptions.TargetLufs"/>. The composer runs it when no prepared
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
        var wav = await MixAsync(spoken, voiceInputs, shots, plan.TotalSeconds, filePrefix, scratch, cancellationToken);
        var gain = options.Value.TargetLufs - await IntegratedLoudnessAsync(wav, cancellationToken);
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

    /// <summary>The audio-only pass (a fraction of a second): the bed and the voice mixed into a float WAV, not yet normalised.</summary>
    private async Task<string> MixAsync(
        List<SpokenLine> spoken, IReadOnlyList<CompositionGraph.VoiceInput> voiceInputs, IReadOnlyList<Shot> shots, double seconds,
        string filePrefix, List<string> scratch, CancellationToken cancellationToken)
    {
        var graphFile = filePrefix + ".audio.txt";
        var wav = filePrefix + ".mix.wav";
        scratch.Add(graphFile);
        scratch.Add(wav);
        await File.WriteAllTextAsync(graphFile, CompositionGraph.Soundtrack(seconds, shots, voiceInputs), cancellationToken);
        List<string> args = ["-y", "-v", "error"];
        foreach (var line in spoken)
            args.AddRange(["-i", line.WavFile]);
        args.AddRange(["-filter_complex_script", graphFile, "-map", "[aout]", "-c:a", "pcm_f32le", "-ar", "48000", "-ac", "2", wav]);
        var result = await tool.FfmpegAsync(args, VideoStages.Render, cancellationToken);
        if (!result.Succeeded)
            throw new StepException(VideoStages.Render, "compose_failed", $"The soundtrack could not be mixed: {result.ErrorTail(2)}", retryable: true);
        return wav;
    }

    /// <summary>EBU R128 integrated loudness of the mix (ffmpeg ebur128), in LUFS.</summary>
    private async Task<double> IntegratedLoudnessAsync(string wav, CancellationToken cancellationToken)
    {
        var result = await tool.FfmpegAsync(["-v", "info", "-nostats", "-i", wav, "-af", "ebur128=peak=none", "-f", "null", "-"], VideoStages.Render, cancellationToken);
        var at = result.StdErr.LastIndexOf(" I:", StringComparison.Ordinal);
        var text = at < 0 ? "" : result.StdErr[(at + 3)..].TrimStart();
        var end = text.IndexOf(' ', StringComparison.Ordinal);
        return double.TryParse(end < 0 ? text : text[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var lufs) && lufs > -70
            ? lufs
            : options.Value.TargetLufs; // Silence cannot be brought up to a target: leave it as it is.
    }
}
