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
    public static string Build(CompositionPlan plan, int width, int height, IReadOnlyList<Shot> shots)
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

        graph.Append($"[{current}]trim=end_frame={plan.TotalFrames},setpts=PTS-STARTPTS[vout];\n");
        graph.Append(AmbientAudio(plan.TotalSeconds, shots)).Append("[aout]");
        return graph.ToString();
    }

    /// <summary>
    /// A soft drone: a root, fifth and third (major for bright plans, minor for dark ones) with slow tremolo, over
    /// low-passed pink noise. Cheap table-based sources; never silent, so silencedetect stays quiet.
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
            + $"anoisesrc=color=pink:sample_rate=48000:amplitude=0.08:duration={d},lowpass=f=1800[n];"
            + "[t0][t1][t2][t3][n]amix=inputs=5:normalize=0,"
            + $"afade=t=in:d=0.3,afade=t=out:st={fadeOut}:d=0.6,"
            + "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";
    }
}
