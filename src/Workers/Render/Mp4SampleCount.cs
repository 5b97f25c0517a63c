using System.Buffers.Binary;
using System.Text;

namespace AiProd.Workers.Render;

/// <summary>
/// How many samples (frames) the first video track of an MP4 holds, read from its sample size box (<c>stsz</c> or
/// <c>stz2</c>) without starting ffprobe: the muxer writes one sample per packet, so this is the packet count
/// <c>ffprobe -show_packets</c> lists. Null for anything it does not expect (no <c>moov</c>, a fragmented file, no
/// video track, a truncated box); the caller then asks ffprobe.
/// </summary>
internal static class Mp4SampleCount
{
    private const int MaxMoovBytes = 64 << 20;

    public static async Task<int?> OfVideoAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var header = new byte[16];
        long at = 0;
        while (at + 8 <= stream.Length)
        {
            stream.Position = at;
            await stream.ReadExactlyAsync(header.AsMemory(0, 8), cancellationToken);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerSize = 8;
            if (size == 1)
            {
                await stream.ReadExactlyAsync(header.AsMemory(8, 8), cancellationToken);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = stream.Length - at;
            }

            if (size < headerSize || at + size > stream.Length)
                return null;
            var type = Encoding.ASCII.GetString(header, 4, 4);
            if (type == "moof")
                return null;
            if (type == "moov")
            {
                if (size - headerSize > MaxMoovBytes)
                    return null;
                var moov = new byte[size - headerSize];
                await stream.ReadExactlyAsync(moov, cancellationToken);
                return VideoSamples(moov);
            }

            at += size;
        }

        return null;
    }

    /// <summary>The sample count of the first track whose handler is <c>vide</c>, from the body of a <c>moov</c> box.</summary>
    internal static int? VideoSamples(ReadOnlySpan<byte> moov)
    {
        // A fragmented file's samples are in its fragments, not in the moov's tables.
        if (Find(moov, "mvex", out _, out _))
            return null;
        var rest = moov;
        while (Find(rest, "trak", out var trak, out rest))
        {
            if (!Find(trak, "mdia", out var mdia, out _) || !Find(mdia, "hdlr", out var hdlr, out _) || hdlr.Length < 12
                || !hdlr.Slice(8, 4).SequenceEqual("vide"u8))
                continue;
            // stsz and stz2: version and flags, then 4 bytes (a common size, or a reserved field and the field size), then the count.
            if (!Find(mdia, "minf", out var minf, out _) || !Find(minf, "stbl", out var stbl, out _)
                || !(Find(stbl, "stsz", out var sizes, out _) || Find(stbl, "stz2", out sizes, out _)) || sizes.Length < 12)
                return null;
            var count = BinaryPrimitives.ReadUInt32BigEndian(sizes.Slice(8, 4));
            return count <= int.MaxValue ? (int)count : null;
        }

        return null;
    }

    /// <summary>
    /// The body of the first child box of type <paramref name="type"/> in <paramref name="body"/> and what follows it;
    /// false when there is none or a box header does not add up.
    /// </summary>
    private static bool Find(ReadOnlySpan<byte> body, string type, out ReadOnlySpan<byte> child, out ReadOnlySpan<byte> rest)
    {
        var at = 0;
        while (at + 8 <= body.Length)
        {
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            var headerSize = 8;
            if (size == 1 && at + 16 <= body.Length)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(body[(at + 8)..]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = body.Length - at;
            }

            if (size < headerSize || size > body.Length - at)
                break;
            if (Encoding.ASCII.GetString(body.Slice(at + 4, 4)) == type)
            {
                child = body.Slice(at + headerSize, (int)size - headerSize);
                rest = body[(at + (int)size)..];
                return true;
            }

            at += (int)size;
        }

        child = rest = default;
        return false;
    }
}
