using System.Globalization;
using System.Text.RegularExpressions;
using AiProd.Media;
using AiProd.Workers.Qa.Consistency;
using static AiProd.Media.FilterEscaping;

namespace AiProd.Workers.Qa;

/// <summary>What one <see cref="QaPass"/> measured; a part not asked for is null.</summary>
/// <param name="FramesRead">Frames the decoder delivered (the technical part's frame count, ffprobe's <c>nb_read_frames</c>).</param>
/// <param name="Defects">Black, frozen, silent segments and loudness (technical part).</param>
/// <param name="Signals">The semantic evaluator's per-frame signals at <see cref="QaOptions.SemanticAnalysisWidth"/> (semantic part).</param>
/// <param name="Frames">Every frame at 64×64 RGB for the consistency scorer (semantic part).</param>
/// <param name="Result">The ffmpeg run, for its error lines.</param>
internal sealed record QaPassResult(long FramesRead, DefectScan? Defects, SignalSeries? Signals, VideoFrames? Frames, ToolResult Result);

/// <summary>
/// One ffmpeg decode of a video feeding every QA signal at once: the full-size picture goes through blackdetect and
/// freezedetect (and is counted), a 320-wide copy through the semantic filters (signalstats, scdet, SSIM against the
/// next frame; siti and blurdetect on one frame in <see cref="QaOptions.SemanticDetailEvery"/>), a 64×64 copy to raw
/// RGB for the consistency scorer, and the audio through silencedetect and ebur128. Each branch sees exactly what the
/// separate passes it replaces saw, so the signals are the same (detail and blur: the same values, of the frames
/// sampled). Asked for both parts, the video is demuxed and decoded once instead of four times (ffprobe's frame count,
/// the defect scan, the semantic decode and the consistency decode); but ffmpeg runs a graph's filters on one thread,
/// so technical QA runs the two parts as two decodes side by side (see <see cref="QaSignalCache"/>), which ends sooner
/// on two cores.
/// </summary>
internal sealed partial class QaPass(MediaTool tool)
{
    /// <summary>
    /// Decodes <paramref name="file"/> once: with <paramref name="technical"/> it counts the frames and scans for defects
    /// (the audio too, when <paramref name="hasAudio"/>; open segments run to <paramref name="videoSeconds"/> and
    /// <paramref name="audioSeconds"/>), with <paramref name="semantic"/> it measures the semantic signals and decodes the
    /// small frames at <paramref name="frameRate"/>.
    /// </summary>
    public async Task<QaPassResult> RunAsync(
        string file, bool technical, bool semantic, bool hasAudio, double videoSeconds, double audioSeconds, int frameRate,
        QaOptions options, string stage, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var signalsFile = Path.Combine(Path.GetTempPath(), $"aiprod-qa-{id}.txt");
        var detailFile = Path.Combine(Path.GetTempPath(), $"aiprod-qa-{id}-detail.txt");
        var framesFile = Path.Combine(Path.GetTempPath(), $"aiprod-qa-{id}.rgb");
        try
        {
            var branches = new List<string>();
            var outputs = new List<string>();
            var split = (technical ? 1 : 0) + (semantic ? 2 : 0);
            var labels = new Queue<string>(Enumerable.Range(0, split).Select(i => $"[in{i}]"));
            var graph = $"[0:v:0]split={split}{string.Concat(labels)};";
            // The technical branch is the first output: ffmpeg's closing "frame=" count is that of the first video output.
            if (technical)
            {
                branches.Add($"{labels.Dequeue()}blackdetect=d={Num(options.BlackMinSeconds)}:pix_th={Num(options.BlackPixelThreshold)},"
                    + $"freezedetect=n={options.FreezeNoise}:d={Num(options.FreezeMinSeconds)}[tech]");
                outputs.AddRange(["-map", "[tech]", "-f", "null", "-"]);
            }
            if (semantic)
            {
                // Compared with itself shifted by one frame for SSIM; both branches restart at zero so framesync pairs n with n+1.
                // siti and blurdetect (per-frame, read as medians) see every Nth frame on a branch of their own.
                var every = options.SemanticDetailEvery;
                branches.Add($"{labels.Dequeue()}scale={options.SemanticAnalysisWidth}:-2,format=yuv420p,split=3[a][b][d];"
                    + "[b]trim=start_frame=1,setpts=PTS-STARTPTS[next];"
                    + "[a]setpts=PTS-STARTPTS,signalstats,scdet=t=10[cur];"
                    + $"[cur][next]ssim,metadata=mode=print:file={OptionValue(signalsFile)}[sem];"
                    + $"[d]{(every > 1 ? $"select='not(mod(n\\,{every}))'," : "")}siti,blurdetect,metadata=mode=print:file={OptionValue(detailFile)}[detail]");
                branches.Add($"{labels.Dequeue()}{VideoFrames.Filter(frameRate)}[rgb]");
                outputs.AddRange(["-map", "[sem]", "-f", "null", "-", "-map", "[detail]", "-f", "null", "-", "-map", "[rgb]", "-f", "rawvideo", framesFile]);
            }

            List<string> args = ["-y", "-v", "info", "-nostats", "-sn", "-i", file, "-filter_complex", graph + string.Join(';', branches), .. outputs];
            if (technical && hasAudio)
                args.AddRange(
                [
                    "-map", "0:a:0", "-af",
                    $"silencedetect=n={options.SilenceNoise}:d={Num(options.SilenceMinSeconds)},"
                    + "ebur128=peak=none:metadata=1,ametadata=print:key=lavfi.r128.M:file=-",
                    "-f", "null", "-",
                ]);
            var result = await tool.FfmpegAsync(args, stage, cancellationToken);

            DefectScan? defects = null;
            long frames = 0;
            if (technical)
            {
                frames = FramesOf(result.StdErr);
                defects = DefectScanner.Parse(result.StdErr, videoSeconds, audioSeconds);
                if (hasAudio)
                    defects = defects with { IntegratedLufs = DefectScanner.Integrated(result.StdErr), Momentary = DefectScanner.MomentarySeries(result.StdOut) };
            }
            SignalSeries? signals = null;
            VideoFrames? small = null;
            if (semantic)
            {
                signals = File.Exists(signalsFile) ? SignalSeries.Parse(await File.ReadAllTextAsync(signalsFile, cancellationToken)) : new SignalSeries();
                if (File.Exists(detailFile))
                    signals.AddDetail(SignalSeries.Parse(await File.ReadAllTextAsync(detailFile, cancellationToken)), options.SemanticDetailEvery);
                small = result.Succeeded ? await VideoFrames.ReadAsync(framesFile, frameRate, cancellationToken) : null;
            }
            return new QaPassResult(frames, defects, signals, small, result);
        }
        finally
        {
            ScratchFile.TryDelete(signalsFile);
            ScratchFile.TryDelete(detailFile);
            ScratchFile.TryDelete(framesFile);
        }
    }

    /// <summary>The closing report's "frame= N" (the first video output's frames); 0 when ffmpeg printed none.</summary>
    internal static long FramesOf(string log)
    {
        long frames = 0;
        foreach (Match m in FrameCount().Matches(log))
            frames = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return frames;
    }

    [GeneratedRegex(@"(?:^|\r|\n)frame=\s*([0-9]+)\s")]
    private static partial Regex FrameCount();
}
