using System.Diagnostics;
using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Narration;
using AiProd.Workers.Render.Soundtracks;
using FFMpegCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render;

/// <summary>
/// Joins rendered clips into the delivery MP4 in one ffmpeg run: transitions from the shot plan, an ambient music
/// bed with the narration over it (the bed ducks while the voice speaks), loudness brought to
/// <see cref="RenderOptions.TargetLufs"/> (EBU R128) by <see cref="SoundtrackMaker"/> unless a prepared soundtrack is
/// given, optional burned-in subtitles, H.264 High yuv420p tagged bt709, faststart, and metadata naming the video. With
/// <paramref name="windows"/>, a stream-copy join takes the transition windows the render steps encoded ahead.
/// </summary>
public sealed class FfmpegVideoComposer(
    FfmpegEncoder encoder,
    MediaProbe probe,
    ITextToSpeech voice,
    IOptions<RenderOptions> options,
    ILogger<FfmpegVideoComposer> logger,
    TransitionWindows? windows = null) : IVideoComposer
{
    private readonly SoundtrackMaker _soundtracks = new(encoder.Tool, probe, voice, options);

    public Task<ComposeResult> ComposeAsync(
        Guid videoId, VideoRequest request, IReadOnlyList<Shot> shots, IReadOnlyList<string> clips, string outputFile, CancellationToken cancellationToken) =>
        ComposeAsync(videoId, request, shots, clips, [], outputFile, null, cancellationToken);

    public Task<ComposeResult> ComposeAsync(
        Guid videoId, VideoRequest request, IReadOnlyList<Shot> shots, IReadOnlyList<string> clips, string outputFile, Soundtrack? soundtrack,
        CancellationToken cancellationToken) =>
        ComposeAsync(videoId, request, shots, clips, [], outputFile, soundtrack, cancellationToken);

    public async Task<ComposeResult> ComposeAsync(
        Guid videoId,
        VideoRequest request,
        IReadOnlyList<Shot> shots,
        IReadOnlyList<string> clips,
        IReadOnlyList<StoredClipIndex?> indexes,
        string outputFile,
        Soundtrack? soundtrack,
        CancellationToken cancellationToken)
    {
        var made = soundtrack is null;
        if (shots.Count == 0 || shots.Count != clips.Count)
            throw new StepException(
                VideoStages.Render, "compose_mismatch", $"Cannot compose {clips.Count} clips for {shots.Count} shots; every shot needs exactly one clip.", retryable: false);
        var missing = clips.Select((clip, i) => (clip, i)).FirstOrDefault(c => !File.Exists(c.clip));
        if (missing.clip is not null)
            throw new StepException(VideoStages.Render, "clip_missing", $"The clip of shot {shots[missing.i].ShotId} is missing; render its shot again.", retryable: true);

        var (width, height) = DeliverySize(request, shots);
        var frameRate = CompositionPlan.FrameRateOf(request, shots);
        var plan = CompositionPlan.For(shots, frameRate);
        var settings = options.Value;
        var inv = CultureInfo.InvariantCulture;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
        // A script file keeps a 50-shot graph off the command line.
        var scriptFile = outputFile + ".graph.txt";
        var started = Stopwatch.GetTimestamp();
        var scratch = new List<string> { scriptFile };
        IReadOnlyList<NarrationCue> lines = [];
        var copied = false;
        var storedIndexes = 0;
        var storedWindows = 0;
        var join = new StreamCopyJoin(encoder.Tool, settings, windows, videoId);
        // The video side of a stream-copy join needs no sound: the clips are read and the transition windows encoded
        // while the voice is spoken and the soundtrack mixed and measured.
        var preparing = settings.Compose == ComposeMode.Copy && !request.BurnSubtitles
            ? join.PrepareAsync(plan, clips, indexes, width, height, outputFile, cancellationToken)
            : null;
        try
        {
            // The soundtrack depends on the plan only; one made ahead while the shots rendered saves its three steps here.
            soundtrack ??= await _soundtracks.MakeAsync(request, shots, plan, outputFile, scratch, cancellationToken);
            lines = soundtrack.Cues;
            var gainDb = soundtrack.GainDb;
            var burned = new List<CompositionGraph.BurnedSubtitle>();
            if (request.BurnSubtitles)
            {
                foreach (var line in lines)
                {
                    var textFile = $"{outputFile}.sub{burned.Count}.txt";
                    scratch.Add(textFile);
                    await File.WriteAllTextAsync(textFile, ShotGraph.WrapCaption(line.Text, width, height), cancellationToken);
                    burned.Add(new(textFile, line.StartSeconds, line.EndSeconds));
                }
            }

            string[] metadata =
            [
                "-metadata", $"title={Title(request)}", "-metadata", $"comment=AiProd video {videoId:D}",
                // The mp4 muxer always overwrites the file-level encoder tag with its own version, so ours goes on the video track.
                "-metadata:s:v:0", "encoder=AiProd",
            ];
            var prepared = preparing is not null
                ? await preparing
                : settings.Compose == ComposeMode.Copy && burned.Count == 0
                    ? await join.PrepareAsync(plan, clips, indexes, width, height, outputFile, cancellationToken)
                    : null;
            preparing = null;
            scratch.AddRange(prepared?.Scratch ?? []);
            storedIndexes = prepared?.StoredIndexes ?? 0;
            storedWindows = prepared?.StoredWindows ?? 0;
            copied = prepared is not null && burned.Count == 0
                && await join.JoinAsync(plan, prepared, soundtrack.WavFile, gainDb, metadata, outputFile, cancellationToken);
            if (!copied)
            {
                await File.WriteAllTextAsync(
                    scriptFile, CompositionGraph.Build(plan, width, height, clips.Count, gainDb, burned, settings.FontFile), cancellationToken);
                var inputs = FFMpegArguments.FromFileInput(clips[0]);
                foreach (var clip in clips.Skip(1))
                    inputs = inputs.AddFileInput(clip);
                inputs = inputs.AddFileInput(soundtrack.WavFile);
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

        return await ResultAsync(videoId, shots, plan, lines, width, height, frameRate, outputFile, (copied, storedIndexes, storedWindows, made), started, cancellationToken);
    }

    private async Task<ComposeResult> ResultAsync(
        Guid videoId, IReadOnlyList<Shot> shots, CompositionPlan plan, IReadOnlyList<NarrationCue> lines,
        int width, int height, int frameRate, string outputFile, (bool Copied, int StoredIndexes, int StoredWindows, bool MadeSoundtrack) how, long started, CancellationToken cancellationToken)
    {
        var copied = how.Copied;
        // The stream-copy join has already counted every frame of its output.
        var duration = copied ? plan.TotalSeconds : await probe.DurationAsync(outputFile, VideoStages.Render, cancellationToken);
        logger.LogInformation(
            "Composed {ShotCount} shots of {VideoId} into {DurationSeconds:F2} s ({Width}x{Height}@{FrameRate}) by {ComposeHow} ({StoredIndexCount} clip index(es) as their render steps stored them, {StoredWindowCount} transition window(s) encoded ahead) with {LineCount} narration line(s) and a soundtrack {SoundtrackHow} in {ElapsedMs} ms",
            shots.Count, videoId, duration, width, height, frameRate, copied ? "stream copy" : "one encode", how.StoredIndexes, how.StoredWindows, lines.Count, how.MadeSoundtrack ? "made here" : "prepared ahead",
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ComposeResult(duration, plan.Timeline()) { Narration = lines };
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
