using AiProd.Workers.Render;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// The render step and compose index our clips from the MP4's own boxes instead of ffprobe: on every file ffmpeg makes
/// here the index must equal ffprobe's field by field (key frames' times exactly as ffprobe prints them), and on a file
/// the reader does not fully understand it must give nothing, so the caller asks ffprobe.
/// </summary>
[Category("Integration")]
public class When_a_clip_is_indexed_from_its_mp4_boxes
{
    private const string Source = "testsrc2=s=320x180:r=24";
    private readonly MediaKit _kit = new();

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [TestCase("no-b-frames-faststart", 24, Source, "-bf", "0", "-movflags", "+faststart")]
    [TestCase("b-frames-moov-at-the-end", 24, Source, "-bf", "3")]
    [TestCase("b-frames-faststart-audio", 24, Source, "-bf", "3", "-movflags", "+faststart", "-audio")]
    [TestCase("b-frames-moov-at-the-end-audio", 24, Source, "-bf", "2", "-audio")]
    [TestCase("odd-size-25fps", 25, "testsrc2=s=322x182:r=25", "-bf", "3", "-g", "12")]
    [TestCase("30fps-scene-cuts", 30, "testsrc2=s=640x360:r=30", "-g", "15", "-keyint_min", "5")]
    [TestCase("60fps-720p", 60, "testsrc2=s=1280x720:r=60", "-preset", "ultrafast")]
    [TestCase("ntsc-rate", 30, "testsrc2=s=320x240:r=30000/1001", "-bf", "1")]
    [TestCase("full-range", 24, Source, "-pix_fmt", "yuvj420p", "-movflags", "+faststart")]
    [TestCase("full-range-signalled-by-the-encoder", 24, Source, "-x264-params", "fullrange=on")]
    [TestCase("yuv422p", 24, Source, "-pix_fmt", "yuv422p")]
    [TestCase("yuv444p-odd-size", 24, "testsrc2=s=321x181:r=24", "-pix_fmt", "yuv444p")]
    [TestCase("every-frame-a-key-frame", 24, Source, "-g", "1")]
    [TestCase("open-gop-pyramid", 24, Source, "-g", "20", "-x264-params", "open-gop=1:bframes=8:b-pyramid=normal")]
    [TestCase("tagged", 24, Source, "-metadata", "comment=aiprod-delivery libx264 veryfast crf 23 320x180@24 é", "-movflags", "+faststart")]
    public async Task Should_read_what_ffprobe_reads(string name, int fps, string source, params string[] options)
    {
        var audio = options.Contains("-audio");
        string[] input = audio ? ["-f", "lavfi", "-i", source, "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000", "-c:a", "aac", "-t", "2.5"] : ["-f", "lavfi", "-i", source];
        var file = await _kit.MakeAsync($"{name}.mp4", [
            .. input, "-frames:v", "61", "-c:v", "libx264", "-preset", "veryfast", .. options.Where(o => o != "-audio")]);

        await AssertSameAsFfprobeAsync(file, fps);
    }

    [TestCase(24, 1280, 720)]
    [TestCase(30, 1280, 720)]
    [TestCase(25, 854, 480)]
    public async Task Should_read_the_local_renderers_own_clips_as_ffprobe_does(int fps, int width, int height)
    {
        var options = new RenderOptions { Compose = ComposeMode.Copy };
        var shot = MediaKit.Shot("sh1", 0, 1.6, "dissolve", "waves", "push in", "wide", caption: "First light", width: width, height: height, fps: fps);
        var file = _kit.PathOf($"local-{fps}-{width}.mp4");
        await _kit.Renderer(options).RenderAsync(Guid.Empty, shot, file, CancellationToken.None);

        var index = await AssertSameAsFfprobeAsync(file, fps);
        Assert.That(index.Fits(index.Tag!, width, height, fps), Is.True, "a delivery clip the join can copy");
    }

    [Test]
    public async Task Should_give_nothing_for_a_file_it_does_not_fully_understand()
    {
        string[] video = ["-f", "lavfi", "-i", Source, "-frames:v", "48", "-c:v", "libx264", "-preset", "veryfast"];
        var fragmented = await _kit.MakeAsync("fragmented.mp4", [.. video, "-movflags", "frag_keyframe+empty_moov"]);
        var variableRate = await _kit.MakeAsync("variable-rate.mp4", [.. video, "-vf", "setpts='if(lt(N,24),N,2*N)/24/TB'", "-fps_mode", "vfr"]);
        var mpeg4 = await _kit.MakeAsync("mpeg4.mp4", "-f", "lavfi", "-i", Source, "-frames:v", "24", "-c:v", "mpeg4");
        var delayed = await _kit.MakeAsync("two-edits.mp4", [.. video, "-output_ts_offset", "0.5"]);
        var audioOnly = await _kit.MakeAsync("audio.m4a", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=1", "-c:a", "aac");
        var mkv = await _kit.MakeAsync("clip.mkv", video);
        var faststart = await File.ReadAllBytesAsync(await _kit.MakeAsync("whole.mp4", [.. video, "-movflags", "+faststart"]));
        var moovAtEnd = await File.ReadAllBytesAsync(await _kit.MakeAsync("whole-moov-at-the-end.mp4", video));
        var (cutMedia, cutMoov) = (_kit.PathOf("truncated-media.mp4"), _kit.PathOf("truncated-moov.mp4"));
        await File.WriteAllBytesAsync(cutMedia, faststart[..^2000]);
        await File.WriteAllBytesAsync(cutMoov, moovAtEnd[..^100]);

        Assert.Multiple(async () =>
        {
            foreach (var file in new[] { fragmented, variableRate, mpeg4, delayed, audioOnly, mkv, cutMedia, cutMoov })
            {
                Assert.That(await Mp4ClipIndex.ReadAsync(file, 24, CancellationToken.None), Is.Null, Path.GetFileName(file));
                Assert.That(Described(await ClipIndex.ReadAsync(_kit.Tool, file, 24, CancellationToken.None)),
                    Is.EqualTo(Described(await ClipIndex.ProbeAsync(_kit.Tool, file, 24, CancellationToken.None))), $"{Path.GetFileName(file)}: ffprobe's answer");
            }
        });
    }

    [Test]
    public async Task Should_never_throw_on_a_damaged_moov()
    {
        // A hosted backend's clip is read too: whatever its boxes say, the reader gives an index or nothing, so the caller
        // can ask ffprobe. Every byte of the moov changed in turn (seeded, so a failure repeats), and runs of bytes zeroed.
        var file = await _kit.MakeAsync("to-damage.mp4", "-f", "lavfi", "-i", Source, "-frames:v", "30", "-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-movflags", "+faststart");
        var read = await Mp4Boxes.ReadMoovAsync(file, CancellationToken.None);
        Assert.That(read, Is.Not.Null);
        var (moov, length) = read!.Value;
        var random = new Random(20261203);
        var failures = new List<string>();
        for (var at = 0; at < moov.Length; at++)
        {
            foreach (var value in new[] { (byte)random.Next(256), (byte)0xFF, (byte)0x00 })
            {
                var damaged = (byte[])moov.Clone();
                damaged[at] = value;
                Check(damaged, $"byte {at} = 0x{value:X2}");
            }
        }
        for (var at = 0; at + 4 <= moov.Length; at += 4)
        {
            var damaged = (byte[])moov.Clone();
            damaged.AsSpan(at, 4).Fill(0x7F);
            Check(damaged, $"bytes {at}-{at + 3} = 0x7F");
        }
        Assert.That(failures, Is.Empty);

        void Check(byte[] damaged, string what)
        {
            try
            {
                Mp4ClipIndex.Parse(damaged, length, 24);
            }
            catch (Exception ex)
            {
                if (failures.Count < 10)
                    failures.Add($"{what}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private async Task<ClipIndex> AssertSameAsFfprobeAsync(string file, int fps)
    {
        var probed = await ClipIndex.ProbeAsync(_kit.Tool, file, fps, CancellationToken.None);
        var read = await Mp4ClipIndex.ReadAsync(file, fps, CancellationToken.None);
        Assert.That(probed, Is.Not.Null, "ffprobe reads the fixture");
        Assert.That(read, Is.Not.Null, "the boxes are read");
        Assert.Multiple(() =>
        {
            Assert.That(read!.Codec, Is.EqualTo(probed!.Codec));
            Assert.That((read.Width, read.Height), Is.EqualTo((probed.Width, probed.Height)));
            Assert.That(read.PixelFormat, Is.EqualTo(probed.PixelFormat));
            Assert.That(read.FrameRate, Is.EqualTo(probed.FrameRate));
            Assert.That(read.Tag, Is.EqualTo(probed.Tag));
            Assert.That(read.Frames, Is.EqualTo(probed.Frames));
            Assert.That(read.KeyFrames, Is.EqualTo(probed.KeyFrames), "key frames: number, pts and dts exactly");
        });
        Assert.That(Described(await ClipIndex.ReadAsync(_kit.Tool, file, fps, CancellationToken.None)), Is.EqualTo(Described(read)), "what the pipeline reads");
        return read!;
    }

    /// <summary>Every field and key frame of an index (times to the last bit), or "none".</summary>
    private static string Described(ClipIndex? index) =>
        index is null
            ? "none"
            : string.Join(' ', new[] { index.Codec, $"{index.Width}x{index.Height}", index.PixelFormat, index.FrameRate, index.Tag ?? "-", $"{index.Frames}" }
                .Concat(index.KeyFrames.Select(k => FormattableString.Invariant($"{k.Frame}:{k.PtsSeconds:R}/{k.DtsSeconds:R}"))));
}
