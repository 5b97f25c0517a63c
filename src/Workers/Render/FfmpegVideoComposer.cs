using System.Diagnostics;
using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Narration;
using FFMpegCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>
/// Joins rendered clips into the delivery MP4 in one ffmpeg run: transitions from the shot plan, an ambient music
/// bed with the narration over it (the bed ducks while the voice speaks), loudness normalised to
/// <see cref="RenderOptions.TargetLufs"/> (EBU R128, loudnorm), optional burned-in subtitles, H.264 High yuv420p
/// tagged bt709, faststart, and metadata naming the video.
/// </summary>
public sealed class FfmpegVideoComposer(
    FfmpegEncoder encoder,
    MediaProbe probe,
    ITextToSpeech voice,
    IOptions<RenderOptions> options,
    ILogger<FfmpegVideoComposer> logger) : IVideoComposer
{
    public async Task<ComposeResult> ComposeAsync(
        Guid videoId,
        VideoRequest request,
        IReadOnlyList<Shot> shots,
        IReadOnlyList<string> clips,
        string outputFile,
        CancellationToken cancellationToken)
    {
        if (shots.Count == 0 || shots.Count != clips.Count)
            throw new StepException(
                VideoStages.Render, "compose_mismatch", $"Cannot compose {clips.Count} clips for {shots.Count} shots; every shot needs exactly one clip.", retryable: false);
        var missing = clips.Select((clip, i) => (clip, i)).FirstOrDefault(c => !File.Exists(c.clip));
        if (missing.clip is not null)
            throw new StepException(VideoStages.Render, "clip_missing", $"The clip of shot {shots[missing.i].ShotId} is missing; render its shot again.", retryable: true);

        var (width, height) = DeliverySize(request, shots);
        var frameRate = request.FrameRate > 0 ? request.FrameRate : shots[0].Spec.FrameRate;
        var plan = CompositionPlan.For(shots, frameRate);
        var settings = options.Value;
        var inv = CultureInfo.InvariantCulture;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
        // A script file keeps a 50-shot graph off the command line.
        var scriptFile = outputFile + ".graph.txt";
        var started = Stopwatch.GetTimestamp();
        var scratch = new List<string> { scriptFile };
        IReadOnlyList<NarrationPlan.PlacedLine> lines = [];
        var copied = false;
        var join = new StreamCopyJoin(encoder.Tool, settings);
        // The video side of a stream-copy join needs no sound: the clips are read and the transition windows encoded
        // while the voice is spoken and the soundtrack mixed and measured.
        var preparing = settings.Compose == ComposeMode.Copy && !request.BurnSubtitles
            ? join.PrepareAsync(plan, clips, width, height, outputFile, cancellationToken)
            : null;
        try
        {
            var spoken = request.Narration ? await SpeakAsync(request, shots, plan, outputFile, scratch, cancellationToken) : [];
            lines = NarrationPlan.Place([.. spoken.Select(l => (l.Scene, l.Text, l.SceneStart, l.Seconds))], plan.TotalSeconds);
            var voiceInputs = lines.Select(line => new CompositionGraph.VoiceInput(spoken.FindIndex(l => l.Scene == line.Cue.SceneIndex), line)).ToList();
            var soundtrack = await MixSoundtrackAsync(spoken, voiceInputs, shots, plan.TotalSeconds, outputFile, scratch, cancellationToken);
            var gain = settings.TargetLufs - await IntegratedLoudnessAsync(soundtrack, cancellationToken);
            var burned = new List<CompositionGraph.BurnedSubtitle>();
            if (request.BurnSubtitles)
            {
                foreach (var line in lines)
                {
                    var textFile = $"{outputFile}.sub{burned.Count}.txt";
                    scratch.Add(textFile);
                    await File.WriteAllTextAsync(textFile, ShotGraph.WrapCaption(line.Cue.Text, width, height), cancellationToken);
                    burned.Add(new(textFile, line.Cue.StartSeconds, line.Cue.EndSeconds));
                }
            }

            var gainDb = Math.Clamp(gain, -30, 30);
            string[] metadata =
            [
                "-metadata", $"title={Title(request)}", "-metadata", $"comment=AiProd video {videoId:D}",
                // The mp4 muxer always overwrites the file-level encoder tag with its own version, so ours goes on the video track.
                "-metadata:s:v:0", "encoder=AiProd",
            ];
            var prepared = preparing is not null
                ? await preparing
                : settings.Compose == ComposeMode.Copy && burned.Count == 0
                    ? await join.PrepareAsync(plan, clips, width, height, outputFile, cancellationToken)
                    : null;
            preparing = null;
            scratch.AddRange(prepared?.Scratch ?? []);
            copied = prepared is not null && burned.Count == 0
                && await join.JoinAsync(plan, prepared, soundtrack, gainDb, metadata, outputFile, cancellationToken);
            if (!copied)
            {
                await File.WriteAllTextAsync(
                    scriptFile, CompositionGraph.Build(plan, width, height, clips.Count, gainDb, burned, settings.FontFile), cancellationToken);
                var inputs = FFMpegArguments.FromFileInput(clips[0]);
                foreach (var clip in clips.Skip(1))
                    inputs = inputs.AddFileInput(clip);
                inputs = inputs.AddFileInput(soundtrack);
                await encoder.EncodeAsync(
                    inputs,
                    outputFile,
                    o => o
                    .WithCustomArgument($"-filter_complex_script {FfmpegEncoder.Quote(scriptFile)} -map [vout] -map [aout]")
                        .WithVideoCodec("libx264")
                        .WithCustomArgument($"-preset {settings.DeliveryPreset}")
                        .WithConstantRateFactor(settings.DeliveryCrf)
                        .WithCustomArgument("-profile:v high")
                        .WithCustomArgument("-pix_fmt yuv420p")
                        .WithFrameRate(frameRate)
                        .WithCustomArgument("-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv")
                        .WithAudioCodec("aac")
                        .WithAudioBitrate(settings.AudioBitrateKbps)
                        .WithAudioSamplingRate(48000)
                        .WithCustomArgument($"-ac 2 -t {plan.TotalSeconds.ToString("0.######", inv)}")
                        .WithCustomArgument($"-metadata {FfmpegEncoder.Quote($"title={Title(request)}")} -metadata {FfmpegEncoder.Quote($"comment=AiProd video {videoId:D}")}")
                        // The mp4 muxer always overwrites the file-level encoder tag with its own version, so ours goes on the video track.
                        .WithCustomArgument("-metadata:s:v:0 encoder=AiProd -movflags +faststart"),
                    VideoStages.Render,
                    "compose_failed",
                    $"composed video {videoId}",
                    cancellationToken);
            }
        }
        finally
        {
            // Speech or the mix failed while the video side was being prepared: wait for it, then sweep its files too.
            if (preparing is not null)
                scratch.AddRange((await preparing.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default))?.Scratch ?? []);
            foreach (var file in scratch)
                ScratchFile.TryDelete(file);
        }

        return await ResultAsync(videoId, shots, plan, lines, width, height, frameRate, outputFile, copied, started, cancellationToken);
    }

    private async Task<ComposeResult> ResultAsync(
        Guid videoId, IReadOnlyList<Shot> shots, CompositionPlan plan, IReadOnlyList<NarrationPlan.PlacedLine> lines,
        int width, int height, int frameRate, string outputFile, bool copied, long started, CancellationToken cancellationToken)
    {
        // The stream-copy join has already counted every frame of its output.
        var duration = copied ? plan.TotalSeconds : await probe.DurationAsync(outputFile, VideoStages.Render, cancellationToken);
        logger.LogInformation(
            "Composed {ShotCount} shots of {VideoId} into {DurationSeconds:F2} s ({Width}x{Height}@{FrameRate}) by {ComposeHow} with {LineCount} narration line(s) in {ElapsedMs} ms",
            shots.Count, videoId, duration, width, height, frameRate, copied ? "stream copy" : "one encode", lines.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ComposeResult(duration, plan.Timeline()) { Narration = [.. lines.Select(l => l.Cue)] };
    }

    /// <summary>Pass one, audio only (a fraction of a second): the bed and the voice mixed into a float WAV, not yet normalised.</summary>
    private async Task<string> MixSoundtrackAsync(
        List<SpokenLine> spoken, IReadOnlyList<CompositionGraph.VoiceInput> voice, IReadOnlyList<Shot> shots, double seconds,
        string outputFile, List<string> scratch, CancellationToken cancellationToken)
    {
        var graphFile = outputFile + ".audio.txt";
        var wav = outputFile + ".mix.wav";
        scratch.Add(graphFile);
        scratch.Add(wav);
        await File.WriteAllTextAsync(graphFile, CompositionGraph.Soundtrack(seconds, shots, voice), cancellationToken);
        List<string> args = ["-y", "-v", "error"];
        foreach (var line in spoken)
            args.AddRange(["-i", line.WavFile]);
        args.AddRange(["-filter_complex_script", graphFile, "-map", "[aout]", "-c:a", "pcm_f32le", "-ar", "48000", "-ac", "2", wav]);
        var result = await encoder.Tool.FfmpegAsync(args, VideoStages.Render, cancellationToken);
        if (!result.Succeeded)
            throw new StepException(VideoStages.Render, "compose_failed", $"The soundtrack could not be mixed: {result.ErrorTail(2)}", retryable: true);
        return wav;
    }

    /// <summary>EBU R128 integrated loudness of the mix (ffmpeg ebur128), in LUFS.</summary>
    private async Task<double> IntegratedLoudnessAsync(string wav, CancellationToken cancellationToken)
    {
        var result = await encoder.Tool.FfmpegAsync(["-v", "info", "-nostats", "-i", wav, "-af", "ebur128=peak=none", "-f", "null", "-"], VideoStages.Render, cancellationToken);
        var at = result.StdErr.LastIndexOf(" I:", StringComparison.Ordinal);
        var text = at < 0 ? "" : result.StdErr[(at + 3)..].TrimStart();
        var end = text.IndexOf(' ', StringComparison.Ordinal);
        return double.TryParse(end < 0 ? text : text[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var lufs) && lufs > -70
            ? lufs
            : Settings.TargetLufs; // Silence cannot be brought up to a target: leave it as it is.
    }

    private RenderOptions Settings => options.Value;

    private sealed record SpokenLine(int Scene, string Text, double SceneStart, double Seconds, string WavFile);

    /// <summary>Speaks every scene's line (on the first shot of its scene) into a WAV beside the output and measures it.</summary>
    private async Task<List<SpokenLine>> SpeakAsync(
        VideoRequest request, IReadOnlyList<Shot> shots, CompositionPlan plan, string outputFile, List<string> scratch, CancellationToken cancellationToken)
    {
        var starts = plan.Timeline().ToDictionary(t => t.ShotId, t => t.StartSeconds, StringComparer.Ordinal);
        var spoken = new List<SpokenLine>();
        foreach (var shot in shots.Where(s => !string.IsNullOrWhiteSpace(s.Narration)).DistinctBy(s => s.SceneIndex))
        {
            var wav = $"{outputFile}.line{spoken.Count}.wav";
            scratch.Add(wav);
            await voice.SynthesizeAsync(shot.Narration.Trim(), request, wav, cancellationToken);
            var seconds = WavDuration.TryRead(wav) ?? await probe.DurationAsync(wav, VideoStages.Render, cancellationToken);
            spoken.Add(new SpokenLine(shot.SceneIndex, shot.Narration.Trim(), starts.GetValueOrDefault(shot.ShotId), seconds, wav));
        }
        return spoken;
    }

    private static (int Width, int Height) DeliverySize(VideoRequest request, IReadOnlyList<Shot> shots)
    {
        try
        {
            var size = FrameSize.For(request.AspectRatio, request.Resolution);
            return (size.Width, size.Height);
        }
        catch (ArgumentException)
        {
            // A request the sanitizer would reject; the shots still carry a usable size.
            return (shots[0].Spec.Width, shots[0].Spec.Height);
        }
    }

    private static string Title(VideoRequest request)
    {
        var prompt = string.Join(' ', (request.Prompt ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return prompt.Length <= 80 ? prompt : prompt[..79] + "…";
    }
}
