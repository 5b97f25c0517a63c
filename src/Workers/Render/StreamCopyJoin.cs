using System.Globalization;
using System.Text;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Common;
using AiProd.Workers.Render.Soundtracks;

namespace AiProd.Workers.Render;

/// <summary>
/// <see cref="ComposeMode.Copy"/>: joins clips rendered at the delivery settings without encoding them again. The spans
/// of <see cref="CopyPlan"/> between copied stretches (transition windows) are encoded on their own with the same
/// settings, the concat demuxer strings everything together, and the soundtrack is encoded beside it. The video side
/// (<see cref="PrepareAsync(CompositionPlan, IReadOnlyList{string}, IReadOnlyList{StoredClipIndex}, int, int, string, CancellationToken)"/>) needs no
/// audio, so the composer runs it while the soundtrack is made, then <see cref="JoinAsync"/>. Either gives up, leaving
/// nothing behind, when the clips do not allow a copy; the caller then encodes the whole video.
/// </summary>
internal sealed class StreamCopyJoin(MediaTool tool, RenderOptions settings, TransitionWindows? windows = null, Guid videoId = default)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The video side, ready to join: the concat script (written), the glue clips it names, and how many clip indexes
    /// came from the render steps instead of ffprobe.
    /// </summary>
    public sealed record Prepared(string ListFile, IReadOnlyList<string> Scratch, int StoredIndexes)
    {
        /// <summary>How many transition windows were taken as the render steps stored them instead of encoded here.</summary>
        public int StoredWindows { get; init; }
    }

    /// <summary>
    /// The video side, which needs no audio: indexes the clips (from <paramref name="stored"/>, in clip order, where an
    /// entry describes its clip's bytes; with ffprobe otherwise), plans the spans, encodes the transition windows and
    /// writes the concat script. Null, with its scratch files deleted, when the clips do not allow a copy.
    /// </summary>
    public async Task<Prepared?> PrepareAsync(
        CompositionPlan plan, IReadOnlyList<string> clips, IReadOnlyList<StoredClipIndex?> stored, int width, int height, string outputFile,
        CancellationToken cancellationToken)
    {
        var scratch = new List<string>();
        var r = plan.FrameRate;
        var indexes = await Task.WhenAll(clips.Select((c, i) => StoredClipIndex.ForAsync(tool, c, i < stored.Count ? stored[i] : null, r, cancellationToken)));
        // A clip's hash is known when its stored index describes it: then a window encoded ahead can be looked up by content.
        string?[] hashes = [.. indexes.Select((x, i) => x.Stored ? stored[i]!.Sha256 : null)];
        var (prepared, storedWindows) = await PrepareAsync(plan, clips, [.. indexes.Select(i => i.Index)], hashes, width, height, outputFile, scratch, cancellationToken);
        if (prepared is null)
            foreach (var file in scratch)
                ScratchFile.TryDelete(file);
        return prepared is null ? null : new Prepared(prepared, scratch, indexes.Count(i => i.Stored)) { StoredWindows = storedWindows };
    }

    private async Task<(string? ListFile, int StoredWindows)> PrepareAsync(
        CompositionPlan plan, IReadOnlyList<string> clips, IReadOnlyList<ClipIndex?> indexes, IReadOnlyList<string?> hashes, int width, int height,
        string outputFile, List<string> scratch, CancellationToken cancellationToken)
    {
        var r = plan.FrameRate;
        var tag = DeliveryClip.Tag(settings, width, height, r);
        if (indexes.Any(i => i is null || !i.Fits(tag, width, height, r)))
            return (null, 0);
        var spans = CopyPlan.For(plan, indexes!);
        if (spans is null)
            return (null, 0);
        var storedWindows = 0;

        var list = new StringBuilder("ffconcat version 1.0\n");
        var glueCount = 0;
        foreach (var span in spans)
        {
            if (span is CopiedSpan copy)
            {
                var index = indexes[copy.Clip]!;
                list.Append($"file {ConcatPath(clips[copy.Clip])}\n");
                // The demuxer seeks to the last key frame at or before inpoint (rounded up, so never the one before),
                // and leaves a file at the first packet whose decoding time reaches outpoint: half a frame before the
                // next GOP's first packet keeps every frame of this one and none of the next.
                if (copy.From > 0)
                    list.Append(Inv, $"inpoint {Math.Ceiling(index.KeyFrames.First(k => k.Frame == copy.From).PtsSeconds * 1e6) / 1e6:0.######}\n");
                if (copy.To < index.Frames)
                    list.Append(Inv, $"outpoint {index.KeyFrames.First(k => k.Frame == copy.To).DtsSeconds - 0.5 / r:0.######}\n");
                list.Append(Inv, $"duration {(double)(copy.To - copy.From) / r:0.######}\n");
            }
            else if (span is GlueSpan glue)
            {
                var file = await StoredWindowAsync(glue, hashes, width, height, r, cancellationToken);
                if (file is not null)
                {
                    storedWindows++;
                }
                else
                {
                    file = $"{outputFile}.glue{glueCount++}.mp4";
                    scratch.Add(file);
                    if (!await TransitionWindows.EncodeAsync(
                        tool, settings, glue, clips[glue.Previous], glue.HeadTo > 0 ? clips[glue.Previous + 1] : null, width, height, r, file, cancellationToken))
                        return (null, 0);
                }
                list.Append($"file {ConcatPath(file)}\n").Append(Inv, $"duration {(double)glue.Frames / r:0.######}\n");
            }
        }

        var listFile = outputFile + ".concat.txt";
        scratch.Add(listFile);
        await File.WriteAllTextAsync(listFile, list.ToString(), cancellationToken);
        return (listFile, storedWindows);
    }

    /// <summary>The window the render steps encoded ahead for exactly these clips and this span, or null (then it is encoded here).</summary>
    private async Task<string?> StoredWindowAsync(GlueSpan glue, IReadOnlyList<string?> hashes, int width, int height, int r, CancellationToken cancellationToken)
    {
        var head = glue.HeadTo > 0 ? hashes[glue.Previous + 1] : "";
        if (windows is null || hashes[glue.Previous] is not { } tail || head is null)
            return null;
        var key = TransitionWindows.Key(glue, tail, head, width, height, r, settings);
        return await windows.FindAsync(videoId, key, glue.Frames, cancellationToken);
    }

    /// <summary>The delivery's audio encoder settings, the same whether the join encodes the soundtrack or copies a track encoded ahead.</summary>
    internal static string[] AudioArguments(RenderOptions settings) =>
        ["-c:a", "aac", "-b:a", $"{settings.AudioBitrateKbps}k", "-ar", "48000", "-ac", "2"];

    /// <summary>
    /// The stream-copy join of a prepared video side with the soundtrack; false (output deleted) when a frame is missing or
    /// doubled. A track encoded ahead for this length and bitrate (<see cref="Soundtrack.Encoded"/>) is copied too, else the
    /// mix is brought to the target and encoded here: the same bytes either way.
    /// </summary>
    public async Task<bool> JoinAsync(
        CompositionPlan plan, Prepared prepared, Soundtrack soundtrack, IReadOnlyList<string> metadata, string outputFile, CancellationToken cancellationToken)
    {
        var r = plan.FrameRate;
        var listFile = prepared.ListFile;
        var track = soundtrack.Encoded is { } e && e.BitrateKbps == settings.AudioBitrateKbps && Math.Abs(e.Seconds - plan.TotalSeconds) < 1e-9 && File.Exists(e.File)
            ? e.File
            : null;
        List<string> args = ["-y", "-v", "error", "-f", "concat", "-safe", "0", "-i", listFile];
        if (track is not null)
            args.AddRange(["-i", track, "-map", "0:v", "-map", "1:a", "-map_metadata", "-1", "-c:v", "copy", "-c:a", "copy"]);
        else
            args.AddRange(["-i", soundtrack.WavFile, "-filter_complex", CompositionGraph.Loudness(1, soundtrack.GainDb), "-map", "0:v", "-map", "[aout]", "-map_metadata", "-1",
                "-c:v", "copy", .. AudioArguments(settings)]);
        args.AddRange(["-t", plan.TotalSeconds.ToString("0.######", Inv), .. metadata, "-movflags", "+faststart", outputFile]);
        var result = await tool.FfmpegAsync(args, VideoStages.Render, cancellationToken);
        if (!result.Succeeded)
            throw new StepException(VideoStages.Render, "compose_failed", $"ffmpeg failed while it joined the clips: {result.ErrorTail()}", retryable: true);

        // Every frame must be there exactly once; anything else and the whole video is encoded instead. The muxer's sample
        // table counts them without starting ffprobe; ffprobe only when the table cannot be read.
        var frames = await Mp4SampleCount.OfVideoAsync(outputFile, cancellationToken)
            ?? (await ClipIndex.ProbeAsync(tool, outputFile, r, cancellationToken))?.Frames;
        if (frames == plan.TotalFrames)
            return true;
        ScratchFile.TryDelete(outputFile);
        return false;
    }

    /// <summary>A path in an ffconcat script: single-quoted, any quote inside closed, escaped and reopened.</summary>
    private static string ConcatPath(string path) => "'" + Path.GetFullPath(path).Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
