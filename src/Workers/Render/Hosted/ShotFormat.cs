using AiProd.Contracts;
using AiProd.Media;

namespace AiProd.Workers.Render.Hosted;

/// <summary>How a shot's spec reads for a provider: orientation, resolution, the clip length it needs, the prompt.</summary>
public static class ShotFormat
{
    /// <summary>"16:9", "9:16" or "1:1", the nearest of the three to the spec's frame.</summary>
    public static string Aspect(ShotSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var ratio = (double)spec.Width / spec.Height;
        return ratio > 1.2 ? "16:9" : ratio < 1 / 1.2 ? "9:16" : "1:1";
    }

    /// <summary>"1080p" when the short side is 1080 or more, else "720p" (the price list's two tiers).</summary>
    public static string Resolution(ShotSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Math.Min(spec.Width, spec.Height) >= 1080 ? "1080p" : "720p";
    }

    /// <summary>Seconds the clip must last: the visible length plus the overlap its outgoing transition needs.</summary>
    public static double NeededSeconds(Shot shot)
    {
        ArgumentNullException.ThrowIfNull(shot);
        return shot.DurationSeconds + Transitions.OverlapSeconds(shot.TransitionOut, shot.DurationSeconds);
    }

    /// <summary>The shortest of a model's allowed durations that covers <paramref name="seconds"/>, or null when none does.</summary>
    public static int? Covering(IReadOnlyList<int> allowed, double seconds) =>
        allowed.Order().Cast<int?>().FirstOrDefault(d => d >= seconds - 0.01);

    /// <summary>A text-to-video prompt from the shot's description, framing, movement and keyframes, at most <paramref name="maxLength"/> characters.</summary>
    public static string Prompt(Shot shot, int maxLength = 1000)
    {
        ArgumentNullException.ThrowIfNull(shot);
        var keyframes = shot.Keyframes.Count >= 3
            ? $" It opens on {shot.Keyframes[0]}; midway, {shot.Keyframes[1]}; it ends on {shot.Keyframes[^1]}."
            : "";
        var prompt = $"{shot.Description.TrimEnd('.')}. {Capitalised(shot.Framing)} shot, camera {shot.Movement}.{keyframes}";
        return prompt.Length <= maxLength ? prompt : prompt[..maxLength];
    }

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
