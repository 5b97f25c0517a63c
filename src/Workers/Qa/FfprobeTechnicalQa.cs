using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa;

/// <summary>
/// The technical gate. One quick ffprobe reads the streams; then one ffmpeg decode (<see cref="QaPass"/>) counts the
/// frames and runs the detection filters. When <see cref="QaExpectations.SemanticSignals"/> asks, the semantic stage's
/// decode starts before both, beside them (<see cref="QaSignalCache"/>): ffmpeg runs a graph's filters on one thread, so two decodes
/// side by side on two cores end sooner than one carrying every filter. Anything wrong with the file is a failed
/// report, never an exception.
/// </summary>
public sealed class FfprobeTechnicalQa(
    MediaTool tool,
    MediaProbe probe,
    IOptions<QaOptions> options,
    ILogger<FfprobeTechnicalQa> logger,
    QaSignalCache? signals = null) : ITechnicalQa
{
    public async Task<TechnicalQaReport> CheckAsync(
        string file, QaExpectations? expected, IReadOnlyList<ShotTiming> timeline, CancellationToken cancellationToken) =>
        (await CheckWithStreamsAsync(file, expected, timeline, cancellationToken)).Report;

    public async Task<(TechnicalQaReport Report, MediaInfo? Streams)> CheckWithStreamsAsync(
        string file, QaExpectations? expected, IReadOnlyList<ShotTiming> timeline, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!File.Exists(file))
            return (Unreadable($"The file {Path.GetFileName(file)} does not exist."), null);

        // The semantic stage's decode starts first, beside everything this gate does (the probe included: the decode is the
        // longer of the two and every moment before it starts is added to the video's time). It is not this request's to
        // wait for or cancel; a file the probe finds unreadable fails that decode too, and the semantic stage reports it.
        if (expected?.SemanticSignals == true && signals is not null)
        {
            var frameRate = expected.FrameRate > 0 ? expected.FrameRate : 24;
            var key = await QaSignalCache.KeyAsync(file, frameRate, o, cancellationToken);
            var semanticPass = new QaPass(tool);
            signals.Start(key, async () =>
            {
                var measured = await semanticPass.RunAsync(
                    file, technical: false, semantic: true, hasAudio: false, 0, 0, frameRate, o, VideoStages.QaSemantic, CancellationToken.None);
                return measured is { Signals.Frames: >= 2, Frames: { } small } ? new SemanticSignals(measured.Signals, small) : null;
            });
        }

        var (info, error) = await probe.ProbeAsync(file, countFrames: false, VideoStages.QaTech, cancellationToken);
        if (info is null)
            return (Unreadable($"The file is not a readable video (ffprobe: {ReadableError(error)})."), null);
        if (info.Video is null)
            return (Unreadable("The file has no video stream, so it is not a video."), info);

        var videoSeconds = info.Video.DurationSeconds ?? info.DurationSeconds ?? 0;
        var audioSeconds = info.Audio?.DurationSeconds ?? info.DurationSeconds ?? videoSeconds;
        var pass = await new QaPass(tool).RunAsync(
            file, technical: true, semantic: false, info.Audio is not null, videoSeconds, audioSeconds, 24, o, VideoStages.QaTech, cancellationToken);
        var scan = pass.Defects!;
        info = info with { Video = info.Video with { FramesRead = pass.FramesRead } };

        var findings = TechnicalChecks.Run(info, expected, o, scan);
        var defects = scan.Defects.Select(d => d with { Blocking = IsBlocking(d, audioSeconds, o) }).ToList();
        var blocking = defects.Where(d => d.Blocking).ToList();
        var checkCount = findings.Outcomes.Count;
        var passedChecks = findings.Outcomes.Count(c => c.Check.Passed);
        var blockingSet = o.BlockingCheckSet;
        var blockingFailed = findings.Outcomes.Where(c => !c.Check.Passed && blockingSet.Contains(c.Check.Name)).ToList();

        var reasons = new List<string>();
        if (passedChecks < o.MinPassedChecks)
            reasons.Add($"Only {passedChecks} of {checkCount} technical checks passed; at least {o.MinPassedChecks} are needed.");
        if (!findings.Decodable || blockingFailed.Count > 0 || passedChecks < o.MinPassedChecks)
            reasons.AddRange(findings.Outcomes.Where(c => c.Reason is not null).Select(c => c.Reason! + (blockingSet.Contains(c.Check.Name) ? " This check blocks delivery." : "")));
        if (findings.AudioMissing && !reasons.Contains("The video has no audio track."))
            reasons.Add("The video has no audio track, and audio is required.");
        foreach (var defect in blocking)
            reasons.Add(Describe(defect));

        var passed = passedChecks >= o.MinPassedChecks && findings.Decodable && blockingFailed.Count == 0 && blocking.Count == 0 && !findings.AudioMissing;
        if (passed)
            reasons.Clear();
        var suspects = timeline
            .Where(shot => blocking.Any(d => Overlaps(shot, d)))
            .Select(shot => shot.ShotId)
            .Distinct()
            .ToList();

        logger.LogInformation(
            "Technical QA of {File}: {Verdict}, {PassedChecks}/{TotalChecks} checks, {DefectCount} defects ({BlockingCount} blocking), suspects {SuspectShotIds}",
            Path.GetFileName(file), passed ? "passed" : "failed", passedChecks, checkCount, defects.Count, blocking.Count, suspects);
        return (new TechnicalQaReport(passed, passedChecks, checkCount, [.. findings.Outcomes.Select(c => c.Check)], defects, reasons, suspects), info);
    }

    private static bool IsBlocking(QaDefect defect, double audioSeconds, QaOptions o) => defect.Kind switch
    {
        "silence" => audioSeconds > 0 && defect.DurationSeconds >= o.SilenceBlockingFraction * audioSeconds,
        _ => true,
    };

    private static bool Overlaps(ShotTiming shot, QaDefect defect) =>
        shot.StartSeconds < defect.StartSeconds + Math.Max(defect.DurationSeconds, 0.001)
        && defect.StartSeconds < shot.StartSeconds + shot.DurationSeconds;

    private static string Describe(QaDefect d)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"{d.StartSeconds:0.##} s for {d.DurationSeconds:0.##} s");
        return d.Kind switch
        {
            "black" => $"The picture is black from {at}.",
            "frozen" => $"The picture is frozen from {at}.",
            "silence" => $"The audio is silent from {at}, most of the track.",
            _ => $"A {d.Kind} defect runs from {at}.",
        };
    }

    /// <summary>ffprobe's last complaint without the "[demuxer @ 0x…]" prefix or the file path.</summary>
    private static string ReadableError(string? error)
    {
        var last = (error ?? "unknown error").Split(" | ").Last();
        var colon = last.LastIndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 ? last[(colon + 2)..].TrimEnd('.') : last.TrimEnd('.');
    }

    private static TechnicalQaReport Unreadable(string reason)
    {
        var checks = QaOptions.CheckNames.Where(name => name != "narration")
            .Select(name => new QaCheck(name, false, "a readable video", "unreadable"))
            .ToList();
        return new TechnicalQaReport(false, 0, checks.Count, checks, [], [reason], []);
    }
}
