using System.Buffers.Binary;

namespace AiProd.Workers.Render;

/// <summary>
/// How many samples (frames) the first video track of an MP4 holds, read from its sample size box (<c>stsz</c> or
/// <c>stz2</c>) without starting ffprobe: the muxer writes one sample per packet, so this is the packet count
/// <c>ffprobe -show_packets</c> lists. Null for anything it does not expect (no <c>moov</c>, a fragmented file, no
/// video track, a truncated box); the caller then asks ffprobe.
/// </summary>
internal static class Mp4SampleCount
{
    public static async Task<int?> OfVideoAsync(string file, CancellationToken cancellationToken) =>
        await Mp4Boxes.ReadMoovAsync(file, cancellationToken) is { } read ? VideoSamples(read.Moov) : null;

    /// <summary>The sample count of the first track whose handler is <c>vide</c>, from the body of a <c>moov</c> box.</summary>
    internal static int? VideoSamples(ReadOnlySpan<byte> moov)
    {
        // A fragmented file's samples are in its fragments, not in the moov's tables.
        if (Mp4Boxes.Has(moov, "mvex"u8) || !Mp4Boxes.FirstVideoTrack(moov, out _, out var mdia))
            return null;
        // stsz and stz2: version and flags, then 4 bytes (a common size, or a reserved field and the field size), then the count.
        if (!Mp4Boxes.Find(mdia, "minf"u8, out var minf, out _) || !Mp4Boxes.Find(minf, "stbl"u8, out var stbl, out _)
            || !(Mp4Boxes.Find(stbl, "stsz"u8, out var sizes, out _) || Mp4Boxes.Find(stbl, "stz2"u8, out sizes, out _)) || sizes.Length < 12)
            return null;
        var count = BinaryPrimitives.ReadUInt32BigEndian(sizes.Slice(8, 4));
        return count <= int.MaxValue ? (int)count : null;
    }
}
