using System.Buffers.Binary;

namespace AiProd.Workers.Render;

/// <summary>
/// The box walking that the .NET readers of our own MP4s share (<see cref="Mp4SampleCount"/>, <see cref="Mp4ClipIndex"/>):
/// find the top-level <c>moov</c> by seeking from box header to box header (the media data is never read), and find a
/// child box in a box's body.
/// </summary>
internal static class Mp4Boxes
{
    private const int MaxMoovBytes = 64 << 20;

    /// <summary>
    /// The body of the file's top-level <c>moov</c> (at the start or at the end) and the file's length; null when there
    /// is none before a <c>moof</c>, a top-level box runs past the end of the file (a truncated file), or it is too big.
    /// </summary>
    public static async Task<(byte[] Moov, long FileLength)?> ReadMoovAsync(string file, CancellationToken cancellationToken)
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
            var type = header.AsSpan(4, 4);
            if (type.SequenceEqual("moof"u8))
                return null;
            if (type.SequenceEqual("moov"u8))
            {
                if (size - headerSize > MaxMoovBytes)
                    return null;
                var moov = new byte[size - headerSize];
                await stream.ReadExactlyAsync(moov, cancellationToken);
                return (moov, stream.Length);
            }

            at += size;
        }

        return null;
    }

    /// <summary>The <c>trak</c> and <c>mdia</c> bodies of the first track whose handler is <c>vide</c>; false when there is none.</summary>
    public static bool FirstVideoTrack(ReadOnlySpan<byte> moov, out ReadOnlySpan<byte> trak, out ReadOnlySpan<byte> mdia)
    {
        var rest = moov;
        while (Find(rest, "trak"u8, out trak, out rest))
        {
            if (Find(trak, "mdia"u8, out mdia, out _) && Find(mdia, "hdlr"u8, out var hdlr, out _) && hdlr.Length >= 12
                && hdlr.Slice(8, 4).SequenceEqual("vide"u8))
                return true;
        }

        trak = mdia = default;
        return false;
    }

    /// <summary>Whether <paramref name="body"/> has a child box of type <paramref name="type"/>.</summary>
    public static bool Has(ReadOnlySpan<byte> body, ReadOnlySpan<byte> type) => Find(body, type, out _, out _);

    /// <summary>The body of the only child box of type <paramref name="type"/>; false when there is none or more than one.</summary>
    public static bool FindOnly(ReadOnlySpan<byte> body, ReadOnlySpan<byte> type, out ReadOnlySpan<byte> child) =>
        Find(body, type, out child, out var rest) && !Has(rest, type);

    /// <summary>
    /// The body of the first child box of type <paramref name="type"/> in <paramref name="body"/> and what follows it;
    /// false when there is none or a box header does not add up.
    /// </summary>
    public static bool Find(ReadOnlySpan<byte> body, ReadOnlySpan<byte> type, out ReadOnlySpan<byte> child, out ReadOnlySpan<byte> rest)
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
            if (body.Slice(at + 4, 4).SequenceEqual(type))
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
