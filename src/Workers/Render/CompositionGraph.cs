using System.Text;
using AiProd.Contracts;
using static AiProd.Media.FilterEscaping;

namespace AiProd.Workers.Render;

/// <summary>
/// Writes the composer's filter_complex: every clip normalised to the delivery size and frame grid, then joined
/// left to right (concat for cuts, xfade for the rest), plus a synthesised ambient soundtrack of the same length.
/// </summary>
internal static class CompositionGraph
{
    /// <summary>A spoken line as an extra input of the run: its input index, where it sits and its tempo.</summary>
    internal sealed record VoiceInput(int InputIndex, Narration.NarrationPlan.PlacedLine Line);

    /// <summary>A burned-in subtitle: the file holding its wrapped text and when it shows.</summary>
    internal sealed record BurnedSubtitle(string TextFile, double Start, double End);

    /// <summary>The video graph ([vout]) and the soundtrack input (already mixed) brought to the target by a fixed gain ([aout]).</summary>
    public static string Build(
        CompositionPlan plan, int width, int height, int soundtrackInput, double gainDb, IReadOnlyList<BurnedSubtitle>? subtitles = null, string? fontFile = null)
    {
        var r = plan.FrameRate;
        var graph = new StringBuilder();
        for (var i = 0; i < plan.Shots.Count; i++)
        {
            // tpad covers clips a frame or two short (other backends); trim cuts each clip to exactly its frames.
            graph.Append($"[{i}:v]scale={width}:{height},setsar=1,fps={r},format=yuv420p,")
                .Append($"tpad=stop_mode=clone:stop_duration=1,trim=end_frame={plan.Shots[i].ClipFrames},setpts=PTS-STARTPTS,settb=1/{r}[c{i}];\n");
        }

        var current = "c0";
        for (var i = 1; i < plan.Shots.Count; i++)
        {
            var previous = plan.Shots[i - 1];
            var joined = $"j{i}";
            if (previous.Xfade is null)
                graph.Append($"[{current}][c{i}]concat=n=2:v=1:a=0,settb=1/{r}[{joined}];\n");
            else
                graph.Append($"[{current}][c{i}]xfade=transition={previous.Xfade}:duration={Num((double)previous.OverlapFrames / r)}")
                    .Append($":offset={Num((double)plan.Shots[i].StartFrame / r)}[{joined}];\n");
            current = joined;
        }

        graph.Append($"[{current}]trim=end_frame={plan.TotalFrames},setpts=PTS-STARTPTS");
        var size = Math.Max(12, Math.Min(width, height) / 16);
        foreach (var sub in subtitles ?? [])
        {
            graph.Append($",drawtext=fontfile={OptionValue(fontFile ?? "")}:textfile={OptionValue(sub.TextFile)}:expansion=none")
                .Append($":fontsize={size}:fontcolor=white:line_spacing={size / 4}:box=1:boxcolor=black@0.5:boxborderw={size / 3}")
                .Append($":x=(w-text_w)/2:y=h-text_h-h/12:fix_bounds=1:enable='between(t,{Num(sub.Start)},{Num(sub.End)})'");
        }
        graph.Append("[vout];\n");
        // One linear gain keeps the ducking as mixed (loudnorm's dynamic mode would ride the music back up under the
        // voice); the limiter only catches the odd peak.
        return graph.Append(Loudness(soundtrackInput, gainDb)).ToString();
    }

    /// <summary>The mixed soundtrack (input <paramref name="soundtrackInput"/>) brought to the target by a fixed gain, as [aout].</summary>
    public static string Loudness(int soundtrackInput, double gainDb) =>
        $"[{soundtrackInput}:a]volume={Num(Math.Round(gainDb, 2))}dB,alimiter=limit=0.89:level=false,"
        + "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[aout]";

    /// <summary>
    /// The soundtrack before normalisation ([aout]): the ambient bed alone, or with the voice over it. Each line (input
    /// k) is resampled, sped up when it must be, cut to its slot and delayed to its start; the music ducks under it
    /// (the voice keys a compressor on the bed).
    /// </summary>
    public static string Soundtrack(double seconds, IReadOnlyList<Shot> shots, IReadOnlyList<VoiceInput> voice)
    {
        var graph = new StringBuilder();
        if (voice.Count == 0)
            return graph.Append(AmbientAudio(seconds, shots)).Append("[aout]").ToString();
        graph.Append(AmbientAudio(seconds, shots)).Append(",volume=0.3[bed];\n");
        for (var k = 0; k < voice.Count; k++)
        {
            var (input, line) = (voice[k].InputIndex, voice[k].Line);
            var delay = (long)Math.Round(line.Cue.StartSeconds * 1000);
            graph.Append($"[{input}:a]aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,")
                .Append(line.Tempo > 1.001 ? $"atempo={Num(line.Tempo)}," : "")
                .Append($"atrim=duration={Num(line.Cue.EndSeconds - line.Cue.StartSeconds)},acompressor=threshold=0.1:ratio=4:attack=3:release=80:makeup=2,adelay={delay}|{delay}[l{k}];\n");
        }
        return graph.Append(string.Concat(Enumerable.Range(0, voice.Count).Select(k => $"[l{k}]")))
            .Append($"amix=inputs={voice.Count}:normalize=0:duration=longest,apad=whole_dur={Num(seconds)},asplit[voice][key];\n")
            .Append("[bed][key]sidechaincompress=threshold=0.01:ratio=20:attack=10:release=400[ducked];\n")
            .Append("[ducked][voice]amix=inputs=2:normalize=0:duration=first[aout]")
            .ToString();
    }

    /// <summary>
    /// A soft drone: a root, fifth and third (major for bright plans, minor for dark ones) with slow tremolo, over
    /// low-passed pink noise (a fixed seed: the same plan gives the same sound). Cheap table-based sources; never silent,
    /// so silencedetect stays quiet.
    /// </summary>
    internal static string AmbientAudio(double seconds, IReadOnlyList<Shot> shots)
    {
        var brightness = shots.Count == 0 ? 0.6 : shots.Average(s => s.Spec.Brightness);
        var motion = shots.Count == 0 ? 0.4 : shots.Average(s => s.Spec.MotionIntensity);
        var third = brightness >= 0.5 ? 138.59 : 130.81;
        var pulse = Num(0.1 + 0.5 * Math.Clamp(motion, 0, 1));
        var d = Num(seconds);
        var fadeOut = Num(Math.Max(0, seconds - 0.6));
        return
            $"sine=frequency=110:sample_rate=48000:duration={d}[t0];"
            + $"sine=frequency=164.81:sample_rate=48000:duration={d},tremolo=f={pulse}:d=0.5[t1];"
            + $"sine=frequency={Num(third)}:sample_rate=48000:duration={d},tremolo=f=0.13:d=0.6[t2];"
            + $"sine=frequency=220:sample_rate=48000:duration={d},volume=0.5[t3];"
            + $"anoisesrc=color=pink:sample_rate=48000:amplitude=0.08:seed=1:duration={d},lowpass=f=1800[n];"
            + "[t0][t1][t2][t3][n]amix=inputs=5:normalize=0,"
            + $"afade=t=in:d=0.3,afade=t=out:st={fadeOut}:d=0.6,"
            + "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";
    }
}
