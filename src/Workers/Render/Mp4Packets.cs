using System.Buffers.Binary;

namespace AiProd.Workers.Render;

/// <summary>
/// The packets of an MP4 video track in decode order as ffmpeg's mov demuxer gives them (ffmpeg 5.1, its default
/// advanced edit list handling): decoding and presentation times in the track's timescale and the key flag, from
/// <c>stsz</c>, <c>stts</c>, <c>ctts</c>, <c>stss</c> and one <c>elst</c> entry. The demuxer keeps every sample from the
/// last key frame at or before the edit's start, shifts the times so the first presented frame is at 0, and stops
/// after the second key frame that ends past the edit; this reader takes only tracks where that keeps every sample as
/// it is and shows it (none outside the edit, none dropped at either end), every sample's bytes are inside the file,
/// and the rate is constant — null otherwise.
/// </summary>
internal sealed record Mp4Packets(long[] Dts, long[] Pts, bool[] Key, int Timescale, int FirstDuration)
{
    /// <summary>Reads the <c>trak</c> and its <c>stbl</c>; <paramref name="movieTimescale"/> is the <c>mvhd</c>'s, in which the edit is counted.</summary>
    public static Mp4Packets? Read(ReadOnlySpan<byte> trak, ReadOnlySpan<byte> stbl, int timescale, int movieTimescale, long fileLength)
    {
        if (!Mp4Boxes.FindOnly(stbl, "stsz"u8, out var stsz) || !Mp4Boxes.FindOnly(stbl, "stts"u8, out var stts)
            || !Mp4Boxes.FindOnly(stbl, "stsc"u8, out var stsc) || Mp4Boxes.Has(stbl, "stps"u8) || Mp4Boxes.Has(stbl, "sbgp"u8)
            || Mp4Boxes.Has(stbl, "stz2"u8))
            return null;
        var sizes = Sizes(stsz);
        if (sizes is null || !InFile(stbl, stsc, sizes, fileLength))
            return null;
        var n = sizes.Length;
        var dts = new long[n];
        var firstDuration = 0;
        long at = 0;
        var sample = 0;
        for (var e = 0; e < Count(stts); e++)
        {
            var (count, duration) = (U32(stts, 8 + 8 * e), U32(stts, 12 + 8 * e));
            if (count == 0 || duration == 0 || duration > int.MaxValue || count > n - sample)
                return null;
            // ffmpeg's r_frame_rate: one duration, or one and a different last sample.
            if (e == 0)
                firstDuration = (int)duration;
            else if (e > 1 || count != 1)
                return null;
            for (var i = 0; i < count; i++, at += duration)
                dts[sample++] = at;
        }

        var offsets = new long[n];
        var hasOffsets = Mp4Boxes.FindOnly(stbl, "ctts"u8, out var ctts) && Count(ctts) > 0;
        if (hasOffsets && !Offsets(ctts, offsets))
            return null;
        var key = Keys(stbl, n);
        if (sample != n || key is null)
            return null;
        var pts = new long[n];
        for (var i = 0; i < n; i++)
            pts[i] = dts[i] + offsets[i];

        if (Mp4Boxes.Find(trak, "edts"u8, out var edts, out _))
        {
            if (!Mp4Boxes.FindOnly(edts, "elst"u8, out var elst))
                return null;
            if (Count(elst) > 0 && (Edit(elst, timescale, movieTimescale) is not { } edit || !Shift(dts, pts, key, hasOffsets, edit)))
                return null;
        }

        return new Mp4Packets(dts, pts, key, timescale, firstDuration);
    }

    /// <summary>
    /// Applies a single edit (media time, duration in the track's timescale) as the demuxer does, in place; null when
    /// it would drop, discard or move a sample.
    /// </summary>
    private static bool Shift(long[] dts, long[] pts, bool[] key, bool hasOffsets, (long Start, long Length) edit)
    {
        var n = dts.Length;
        var (start, end) = (edit.Start, edit.Start + edit.Length);
        // The first sample kept: the last key frame decoded at or before the start (and presented at or before it, with offsets).
        var first = -1;
        for (var i = 0; i < n && dts[i] <= start; i++)
        {
            if (key[i])
                first = i;
        }

        while (hasOffsets && first >= 0 && !(pts[first] <= start && key[first]))
            first--;
        if (first != 0)
            return false;
        var minPts = long.MaxValue;
        var keysPastEnd = 0;
        for (var i = 0; i < n; i++)
        {
            if (pts[i] < start || pts[i] >= end)
                return false;
            minPts = Math.Min(minPts, pts[i]);
            var duration = i + 1 < n ? dts[i + 1] - dts[i] : edit.Length;
            if (pts[i] + duration >= end && key[i] && ++keysPastEnd == (hasOffsets ? 2 : 1) && i != n - 1)
                return false;
        }

        var shift = minPts > 0 ? minPts : 0;
        for (var i = 0; i < n; i++)
        {
            dts[i] -= shift;
            pts[i] -= shift;
        }

        return true;
    }

    /// <summary>The one edit: media time and duration (rescaled to the track's timescale, rounded as av_rescale does); null for anything else.</summary>
    private static (long Start, long Length)? Edit(ReadOnlySpan<byte> elst, int timescale, int movieTimescale)
    {
        if (Count(elst) != 1 || movieTimescale <= 0)
            return null;
        var v1 = elst[0] == 1;
        var entry = elst[8..];
        var duration = v1 ? BinaryPrimitives.ReadUInt64BigEndian(entry) : U32(entry, 0);
        var time = v1 ? BinaryPrimitives.ReadInt64BigEndian(entry[8..]) : BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
        var rate = BinaryPrimitives.ReadInt32BigEndian(entry[(v1 ? 16 : 8)..]);
        if (time < 0 || duration == 0 || rate != 0x10000 || duration > int.MaxValue)
            return null;
        var length = (long)((duration * (ulong)timescale + (ulong)movieTimescale / 2) / (ulong)movieTimescale);
        return (time, length);
    }

    private static long[]? Sizes(ReadOnlySpan<byte> stsz)
    {
        var count = U32(stsz, 8);
        if (U32(stsz, 4) != 0 || count == 0 || count > (stsz.Length - 12) / 4)
            return null;
        var sizes = new long[count];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = U32(stsz, 12 + 4 * i);
            if (sizes[i] == 0)
                return null;
        }

        return sizes;
    }

    /// <summary>Whether the chunks (<c>stsc</c>, <c>stco</c>/<c>co64</c>) hold exactly the samples, all inside the file.</summary>
    private static bool InFile(ReadOnlySpan<byte> stbl, ReadOnlySpan<byte> stsc, long[] sizes, long fileLength)
    {
        var wide = Mp4Boxes.FindOnly(stbl, "co64"u8, out var chunks);
        if (!wide && !Mp4Boxes.FindOnly(stbl, "stco"u8, out chunks))
            return false;
        var chunkCount = Count(chunks);
        var runs = Count(stsc);
        if (runs == 0 || U32(stsc, 8) != 1)
            return false;
        var sample = 0;
        for (var r = 0; r < runs; r++)
        {
            var (firstChunk, perChunk, description) = (U32(stsc, 8 + 12 * r), U32(stsc, 12 + 12 * r), U32(stsc, 16 + 12 * r));
            var nextChunk = r + 1 < runs ? U32(stsc, 20 + 12 * r) : (uint)chunkCount + 1;
            if (perChunk == 0 || description != 1 || nextChunk <= firstChunk || nextChunk > (uint)chunkCount + 1)
                return false;
            for (var c = firstChunk; c < nextChunk; c++)
            {
                var at = wide ? (long)BinaryPrimitives.ReadUInt64BigEndian(chunks[(8 + 8 * (int)(c - 1))..]) : U32(chunks, 8 + 4 * (int)(c - 1));
                for (var i = 0; i < perChunk; i++, sample++)
                {
                    if (sample >= sizes.Length)
                        return false;
                    at += sizes[sample];
                }

                if (at > fileLength)
                    return false;
            }
        }

        return sample == sizes.Length;
    }

    private static bool Offsets(ReadOnlySpan<byte> ctts, long[] offsets)
    {
        var sample = 0;
        for (var e = 0; e < Count(ctts); e++)
        {
            // ffmpeg reads both as signed; a negative offset makes it shift every time (not taken here).
            int count = BinaryPrimitives.ReadInt32BigEndian(ctts[(8 + 8 * e)..]), offset = BinaryPrimitives.ReadInt32BigEndian(ctts[(12 + 8 * e)..]);
            if (count <= 0 || offset < 0 || count > offsets.Length - sample)
                return false;
            for (var i = 0; i < count; i++)
                offsets[sample++] = offset;
        }

        return sample == offsets.Length;
    }

    /// <summary>The key flags: every sample without an <c>stss</c>, else its samples (1-based, increasing); null for an empty or odd one.</summary>
    private static bool[]? Keys(ReadOnlySpan<byte> stbl, int n)
    {
        var key = new bool[n];
        if (!Mp4Boxes.Find(stbl, "stss"u8, out var stss, out var rest))
        {
            Array.Fill(key, true);
            return key;
        }

        var count = Count(stss);
        if (count == 0 || Mp4Boxes.Has(rest, "stss"u8))
            return null;
        uint previous = 0;
        for (var i = 0; i < count; i++)
        {
            var s = U32(stss, 8 + 4 * i);
            if (s <= previous || s > n)
                return null;
            key[s - 1] = true;
            previous = s;
        }

        return key;
    }

    /// <summary>The entry count of a full box whose entries follow its version, flags and count.</summary>
    private static int Count(ReadOnlySpan<byte> box)
    {
        var count = U32(box, 4);
        return count <= int.MaxValue ? (int)count : throw new InvalidDataException("Too many entries.");
    }

    private static uint U32(ReadOnlySpan<byte> span, int at) => BinaryPrimitives.ReadUInt32BigEndian(span[at..]);
}
