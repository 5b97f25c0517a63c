using System.Buffers.Binary;

namespace AiProd.Workers.Render.Narration;

/// <summary>The length of a PCM WAV file from its RIFF header, so a spoken line needs no ffprobe run to be measured.</summary>
internal static class WavDuration
{
    /// <summary>Seconds of audio, or null when the file is not a plain RIFF/WAVE with a byte rate and a data chunk that fits.</summary>
    public static double? TryRead(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length < 12 || !Tag(bytes, 0, "RIFF") || !Tag(bytes, 8, "WAVE"))
            return null;
        int? byteRate = null;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            if (Tag(bytes, at, "fmt ") && size >= 16 && at + 8 + 12 <= bytes.Length)
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 8 + 8));
            else if (Tag(bytes, at, "data"))
                return byteRate is > 0 && size <= bytes.Length - at - 8 ? (double)size / byteRate.Value : null;
            at += 8 + (int)Math.Min(size + (size & 1), int.MaxValue - at - 8);
        }
        return null;
    }

    private static bool Tag(byte[] bytes, int at, string tag) =>
        at + 4 <= bytes.Length && bytes[at] == tag[0] && bytes[at + 1] == tag[1] && bytes[at + 2] == tag[2] && bytes[at + 3] == tag[3];
}
