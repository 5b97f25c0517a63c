using System.Buffers.Binary;

namespace AiProd.Workers.Render;

/// <summary>
/// The picture of an MP4 video track's only sample description as ffmpeg's H.264 decoder reports it: an <c>avc1</c>
/// entry, its size checked against its sequence parameter set (the cropped macroblock size ffprobe shows) and the pixel
/// format from the SPS (chroma format, bit depth, the VUI's full-range flag; a <c>colr</c> box's range when the SPS
/// signals none, as the decoder does). Null for anything else: another codec or entry, several SPSs, interlaced or
/// left/top-cropped pictures, more than 8 bits, monochrome, RGB 4:4:4, a size that disagrees.
/// </summary>
internal static class AvcSampleEntry
{
    /// <summary>Reads the body of an <c>stsd</c> box.</summary>
    public static (int Width, int Height, string PixelFormat)? Read(ReadOnlySpan<byte> stsd)
    {
        if (BinaryPrimitives.ReadUInt32BigEndian(stsd[4..]) != 1)
            return null;
        var entries = stsd[8..];
        if (!Mp4Boxes.Find(entries, "avc1"u8, out var entry, out _) || entries.Length != entry.Length + 8)
            return null;
        // VisualSampleEntry: 6 reserved, data reference index, 16 pre-defined/reserved, width, height, ... 78 bytes, then boxes.
        int width = BinaryPrimitives.ReadUInt16BigEndian(entry[24..]), height = BinaryPrimitives.ReadUInt16BigEndian(entry[26..]);
        var boxes = entry[78..];
        if (!Mp4Boxes.FindOnly(boxes, "avcC"u8, out var avcC) || avcC[0] != 1 || (avcC[5] & 0x1F) != 1)
            return null;
        var sps = AvcSequenceParameters.Parse(avcC.Slice(8, BinaryPrimitives.ReadUInt16BigEndian(avcC[6..])));
        if (sps is null || sps.Width != width || sps.Height != height || sps.BitDepth != 8)
            return null;

        // The container's colour box seeds the decoder's range and matrix; the SPS's VUI overrides what it signals.
        bool fullRange = false;
        int? matrix = null;
        if (Mp4Boxes.Find(boxes, "colr"u8, out var colr, out var afterColr))
        {
            if (Mp4Boxes.Has(afterColr, "colr"u8))
                return null;
            if (colr[..4].SequenceEqual("nclx"u8) || colr[..4].SequenceEqual("nclc"u8))
                matrix = BinaryPrimitives.ReadUInt16BigEndian(colr[8..]);
            if (colr[..4].SequenceEqual("nclx"u8))
                fullRange = colr[10] >> 7 != 0;
        }

        fullRange = sps.FullRange ?? fullRange;
        matrix = sps.MatrixCoefficients ?? matrix;
        var j = fullRange ? "j" : "";
        string? format = sps.ChromaFormat switch
        {
            1 => $"yuv{j}420p",
            2 => $"yuv{j}422p",
            3 when matrix != 0 => $"yuv{j}444p",
            _ => null,
        };
        return format is null ? null : (width, height, format);
    }
}
