using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace AiProd.Workers.Render;

/// <summary>
/// A clip's <see cref="ClipIndex"/> read from the MP4's own boxes in .NET, equal field by field to what
/// <see cref="ClipIndex.ProbeAsync"/> parses from ffprobe (ffmpeg 5.1), without starting a process and without reading
/// the media data: the first video track's picture (<see cref="AvcSampleEntry"/>), its packets' times and key flags
/// (<see cref="Mp4Packets"/>), <c>r_frame_rate</c> as the mov demuxer sets it for a constant rate, and the
/// <c>udta/meta/ilst</c> comment. Null for anything it does not fully understand (a fragmented file, a truncated one,
/// another codec, several edits, a variable rate, metadata elsewhere, not an MP4); the caller then asks ffprobe.
/// </summary>
internal static class Mp4ClipIndex
{
    private static readonly byte[] Comment = [0xA9, (byte)'c', (byte)'m', (byte)'t'];

    // Other boxes ffmpeg also reads as the "comment" tag.
    private static readonly byte[][] OtherComments = [[0xA9, (byte)'i', (byte)'n', (byte)'f'], "CMT "u8.ToArray()];

    public static async Task<ClipIndex?> ReadAsync(string file, int frameRate, CancellationToken cancellationToken) =>
        await Mp4Boxes.ReadMoovAsync(file, cancellationToken) is { } read ? Parse(read.Moov, read.FileLength, frameRate) : null;

    /// <summary>The index from the body of a <c>moov</c> box of a file of <paramref name="fileLength"/> bytes.</summary>
    internal static ClipIndex? Parse(ReadOnlySpan<byte> moov, long fileLength, int frameRate)
    {
        try
        {
            return Read(moov, fileLength, frameRate);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidDataException)
        {
            // A box shorter than its fields say: not a file this reader vouches for.
            return null;
        }
    }

    private static ClipIndex? Read(ReadOnlySpan<byte> moov, long fileLength, int frameRate)
    {
        if (Mp4Boxes.Has(moov, "mvex"u8) || Mp4Boxes.Has(moov, "meta"u8) || !Mp4Boxes.FindOnly(moov, "mvhd"u8, out var mvhd)
            || !OnlySoundBefore(moov) || !Mp4Boxes.FirstVideoTrack(moov, out var trak, out var mdia) || !Mp4Boxes.FindOnly(mdia, "mdhd"u8, out var mdhd)
            || !Mp4Boxes.Find(mdia, "minf"u8, out var minf, out _) || !Mp4Boxes.Find(minf, "stbl"u8, out var stbl, out _)
            || !Mp4Boxes.FindOnly(stbl, "stsd"u8, out var stsd) || !Tag(moov, out var tag))
            return null;
        var timescale = Timescale(mdhd);
        if (timescale <= 0 || AvcSampleEntry.Read(stsd) is not { } picture
            || Mp4Packets.Read(trak, stbl, timescale, Timescale(mvhd), fileLength) is not { } packets)
            return null;

        var keys = new List<ClipKeyFrame>();
        for (var i = 0; i < packets.Dts.Length; i++)
        {
            if (!packets.Key[i])
                continue;
            double pts = AsProbed(packets.Pts[i], timescale), dts = AsProbed(packets.Dts[i], timescale);
            keys.Add(new ClipKeyFrame((int)Math.Round(pts * frameRate), pts, dts));
        }

        var gcd = (int)long.Abs(Gcd(timescale, packets.FirstDuration));
        var rate = string.Create(CultureInfo.InvariantCulture, $"{timescale / gcd}/{packets.FirstDuration / gcd}");
        return new ClipIndex("h264", picture.Width, picture.Height, picture.PixelFormat, rate, tag, packets.Dts.Length, [.. keys.OrderBy(k => k.Frame)]);
    }

    /// <summary>A time as ffprobe prints it (<c>ts * av_q2d(time_base)</c>, <c>%f</c>) and <see cref="ClipIndex"/> parses it back.</summary>
    private static double AsProbed(long ts, int timescale) =>
        double.Parse((ts * (1.0 / timescale)).ToString("F6", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary><c>mdhd</c> or <c>mvhd</c>: the timescale after the version's creation and modification times; 0 for one ffmpeg would not take.</summary>
    private static int Timescale(ReadOnlySpan<byte> header)
    {
        var value = BinaryPrimitives.ReadUInt32BigEndian(header[(header[0] == 1 ? 20 : 12)..]);
        return value is > 0 and <= int.MaxValue ? (int)value : 0;
    }

    /// <summary>
    /// The container comment as ffmpeg's <c>format_tags=comment</c> gives it: the one UTF-8 <c>©cmt</c> in
    /// <c>moov/udta/meta/ilst</c> (null when there is none); false where ffmpeg could find it elsewhere or read it otherwise.
    /// </summary>
    private static bool Tag(ReadOnlySpan<byte> moov, out string? tag)
    {
        tag = null;
        if (!Mp4Boxes.Find(moov, "udta"u8, out var udta, out var afterUdta))
            return true;
        if (Mp4Boxes.Has(afterUdta, "udta"u8) || Mp4Boxes.Has(udta, Comment) || HasOtherComment(udta))
            return false;
        if (!Mp4Boxes.Find(udta, "meta"u8, out var meta, out var afterMeta))
            return true;
        var items = meta[4..]; // a full box: version and flags before its children
        if (Mp4Boxes.Has(afterMeta, "meta"u8) || Mp4Boxes.Has(items, "keys"u8) || !Mp4Boxes.FindOnly(items, "hdlr"u8, out var hdlr)
            || !hdlr.Slice(8, 4).SequenceEqual("mdir"u8))
            return false;
        if (!Mp4Boxes.Find(items, "ilst"u8, out var ilst, out _))
            return true;
        if (HasOtherComment(ilst))
            return false;
        if (!Mp4Boxes.Find(ilst, Comment, out var comment, out var afterComment))
            return true;
        if (Mp4Boxes.Has(afterComment, Comment) || !Mp4Boxes.Find(comment, "data"u8, out var data, out _)
            || BinaryPrimitives.ReadUInt32BigEndian(data) != 1 || data[8..].IndexOf((byte)0) >= 0)
            return false;
        try
        {
            tag = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data[8..]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool HasOtherComment(ReadOnlySpan<byte> body)
    {
        foreach (var other in OtherComments)
        {
            if (Mp4Boxes.Has(body, other))
                return true;
        }

        return false;
    }

    /// <summary>
    /// Whether every track before the first video track is a sound track: ffmpeg makes a track of another handler a
    /// video stream when its sample entry names a video codec, and <c>v:0</c> would then be that one.
    /// </summary>
    private static bool OnlySoundBefore(ReadOnlySpan<byte> moov)
    {
        var rest = moov;
        while (Mp4Boxes.Find(rest, "trak"u8, out var trak, out rest))
        {
            if (!Mp4Boxes.Find(trak, "mdia"u8, out var mdia, out _) || !Mp4Boxes.Find(mdia, "hdlr"u8, out var hdlr, out _) || hdlr.Length < 12)
                return false;
            var handler = hdlr.Slice(8, 4);
            if (handler.SequenceEqual("vide"u8))
                return true;
            if (!handler.SequenceEqual("soun"u8))
                return false;
        }

        return false;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
