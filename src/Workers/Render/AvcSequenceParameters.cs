namespace AiProd.Workers.Render;

/// <summary>
/// What an H.264 sequence parameter set says about the picture, parsed as ffmpeg's decoder parses it (ITU-T H.264
/// 7.3.2.1.1 and E.1.1, up to the VUI's colour description): chroma format, bit depth, the cropped size, and the
/// video signal type when present. Null for what <see cref="AvcSampleEntry"/> does not take: not an SPS, separate colour
/// planes, luma and chroma of different depths, field coding, a crop on the left or the top, a set that ends early.
/// </summary>
internal sealed record AvcSequenceParameters(int ChromaFormat, int BitDepth, int Width, int Height, bool? FullRange, int? MatrixCoefficients)
{
    private static readonly HashSet<int> HighProfiles = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

    public static AvcSequenceParameters? Parse(ReadOnlySpan<byte> nal)
    {
        if (nal.Length < 4 || (nal[0] & 0x1F) != 7)
            return null;
        try
        {
            return Read(new RbspBits(nal[1..]));
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static AvcSequenceParameters? Read(RbspBits b)
    {
        var profile = b.Bits(8);
        b.Bits(16); // constraint flags, level
        b.Ue(); // seq_parameter_set_id
        int chroma = 1, bitDepth = 8;
        if (HighProfiles.Contains(profile))
        {
            chroma = b.Ue();
            if (chroma > 3 || (chroma == 3 && b.Bit()))
                return null;
            bitDepth = b.Ue() + 8;
            if (b.Ue() + 8 != bitDepth)
                return null;
            b.Bit(); // qpprime_y_zero_transform_bypass
            if (b.Bit())
                SkipScalingLists(b, chroma == 3 ? 12 : 8);
        }

        b.Ue(); // log2_max_frame_num_minus4
        switch (b.Ue())
        {
            case 0:
                b.Ue();
                break;
            case 1:
                b.Bit();
                b.Se();
                b.Se();
                var cycle = b.Ue();
                if (cycle > 255)
                    return null;
                for (var i = 0; i < cycle; i++)
                    b.Se();
                break;
            case 2:
                break;
            default:
                return null;
        }

        b.Ue(); // max_num_ref_frames
        b.Bit(); // gaps_in_frame_num_value_allowed
        var widthInMbs = b.Ue() + 1;
        var heightInMbs = b.Ue() + 1;
        if (!b.Bit()) // frame_mbs_only: field coding is not ours
            return null;
        b.Bit(); // direct_8x8_inference
        int cropRight = 0, cropBottom = 0;
        if (b.Bit())
        {
            int left = b.Ue(), right = b.Ue(), top = b.Ue(), bottom = b.Ue();
            if (left != 0 || top != 0)
                return null;
            cropRight = right * (chroma is 1 or 2 ? 2 : 1);
            cropBottom = bottom * (chroma == 1 ? 2 : 1);
        }

        int width = widthInMbs * 16 - cropRight, height = heightInMbs * 16 - cropBottom;
        if (width <= 0 || height <= 0 || chroma == 0)
            return null;
        bool? fullRange = null;
        int? matrix = null;
        if (b.Bit()) // vui_parameters_present
        {
            if (b.Bit() && b.Bits(8) == 255) // aspect_ratio_info, extended SAR
                b.Bits(32);
            if (b.Bit()) // overscan_info_present
                b.Bit();
            if (b.Bit()) // video_signal_type_present
            {
                b.Bits(3);
                fullRange = b.Bit();
                if (b.Bit())
                {
                    b.Bits(16); // colour primaries, transfer characteristics
                    matrix = b.Bits(8);
                }
            }
        }

        return new AvcSequenceParameters(chroma, bitDepth, width, height, fullRange, matrix);
    }

    private static void SkipScalingLists(RbspBits b, int lists)
    {
        for (var i = 0; i < lists; i++)
        {
            if (!b.Bit())
                continue;
            int last = 8, next = 8;
            for (var j = 0; j < (i < 6 ? 16 : 64) && next != 0; j++)
            {
                next = (last + b.Se() + 256) % 256;
                last = next == 0 ? last : next;
            }
        }
    }

    /// <summary>An RBSP read bit by bit, emulation prevention bytes (00 00 03) skipped; past the end is invalid data.</summary>
    private sealed class RbspBits
    {
        private readonly List<byte> _bytes = [];
        private int _bit;

        public RbspBits(ReadOnlySpan<byte> payload)
        {
            var zeros = 0;
            foreach (var x in payload)
            {
                if (zeros >= 2 && x == 3)
                {
                    zeros = 0;
                    continue;
                }

                zeros = x == 0 ? zeros + 1 : 0;
                _bytes.Add(x);
            }
        }

        public bool Bit()
        {
            if (_bit >= _bytes.Count * 8)
                throw new InvalidDataException("The parameter set ends early.");
            var set = (_bytes[_bit >> 3] >> (7 - (_bit & 7)) & 1) != 0;
            _bit++;
            return set;
        }

        public int Bits(int n)
        {
            var v = 0;
            for (var i = 0; i < n; i++)
                v = v << 1 | (Bit() ? 1 : 0);
            return v;
        }

        public int Ue()
        {
            var zeros = 0;
            while (!Bit())
            {
                if (++zeros > 30)
                    throw new InvalidDataException("An exp-Golomb code is too long.");
            }

            return (int)((1L << zeros) - 1 + Bits(zeros));
        }

        public int Se()
        {
            var k = Ue();
            return (k & 1) != 0 ? (k + 1) / 2 : -(k / 2);
        }
    }
}
