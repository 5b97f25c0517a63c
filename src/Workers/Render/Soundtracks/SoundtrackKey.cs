using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiProd.Contracts;

namespace AiProd.Workers.Render.Soundtracks;

/// <summary>
/// The content hash a prepared soundtrack is stored under: everything the soundtrack depends on and nothing else — the
/// recipe's version, the voice engine, the loudness target, the request's narration settings, the frame rate (the
/// timeline is on its grid) and, per shot in order, its id, scene, line, length and the two figures the music bed is
/// tuned by. The clips, the transitions and the burned subtitles do not change it.
/// </summary>
public static class SoundtrackKey
{
    /// <summary>Bumped whenever the mix, the placement of the lines or the loudness measurement changes.</summary>
    private const string Recipe = "soundtrack-1";

    /// <summary>Sixteen bytes of SHA-256 in lower-case hex.</summary>
    public static string For(VideoRequest request, IReadOnlyList<Shot> orderedShots, int frameRate, string voiceName, double targetLufs)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder(Recipe).Append('\n')
            .Append(inv, $"{voiceName}\n{targetLufs:R}\n{request.Narration}\n{request.Language}\n{request.Voice ?? "-"}\n{request.SpeechRate:R}\n{frameRate}\n");
        foreach (var s in orderedShots)
            text.Append(inv, $"{s.ShotId.Length}:{s.ShotId}|{s.SceneIndex}|{s.DurationSeconds:R}|{s.Spec.Brightness:R}|{s.Spec.MotionIntensity:R}|{s.Narration.Length}:{s.Narration}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}
