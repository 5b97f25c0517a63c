using AiProd.Workers.Render;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// The stream-copy join checks its output's frame count from the MP4 sample table instead of ffprobe: it must give
/// ffprobe's packet count on every file it reads and nothing at all on a file it cannot read.
/// </summary>
[Category("Integration")]
public class When_frames_are_counted_from_the_mp4_sample_table
{
    private readonly MediaKit _kit = new();

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [TestCase("faststart", "-movflags", "+faststart")]
    [TestCase("moov-at-the-end")]
    [TestCase("b-frames-and-audio", "-bf", "3", "-movflags", "+faststart")]
    public async Task Should_count_what_ffprobe_counts(string name, params string[] muxing)
    {
        var file = await _kit.MakeAsync($"{name}.mp4", [
            "-f", "lavfi", "-i", "testsrc2=s=320x180:r=24", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000",
            "-frames:v", "37", "-t", "1.6", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", .. muxing]);
        var probed = await ClipIndex.ProbeAsync(_kit.Tool, file, 24, CancellationToken.None);

        Assert.That(await Mp4SampleCount.OfVideoAsync(file, CancellationToken.None), Is.EqualTo(probed!.Frames).And.EqualTo(37));
    }

    [Test]
    public async Task Should_count_a_stream_copy_join_as_ffprobe_does()
    {
        Contracts.Shot[] shots =
        [
            MediaKit.Shot("sh1", 0, 1.5, "dissolve", "waves", "push in", "wide"),
            MediaKit.Shot("sh2", 1, 1.0, "cut", "rings", "static", "close-up"),
        ];
        var options = new RenderOptions { Compose = ComposeMode.Copy };
        var clips = shots.Select(s => _kit.PathOf($"{s.ShotId}.mp4")).ToList();
        await Task.WhenAll(shots.Select((s, i) => _kit.Renderer(options).RenderAsync(Guid.Empty, s, clips[i], CancellationToken.None)));
        var output = _kit.PathOf("joined.mp4");
        await _kit.Composer(options).ComposeAsync(Guid.NewGuid(), new Contracts.VideoRequest("joined", 2.5), shots, clips, output, CancellationToken.None);
        var probed = await ClipIndex.ProbeAsync(_kit.Tool, output, 24, CancellationToken.None);

        Assert.That(await Mp4SampleCount.OfVideoAsync(output, CancellationToken.None), Is.EqualTo(probed!.Frames).And.EqualTo(60));
    }

    [Test]
    public async Task Should_give_nothing_for_a_file_it_cannot_read()
    {
        var fragmented = await _kit.MakeAsync("fragmented.mp4",
            "-f", "lavfi", "-i", "testsrc2=s=320x180:r=24", "-frames:v", "24", "-c:v", "libx264", "-preset", "veryfast", "-movflags", "frag_keyframe+empty_moov");
        var audioOnly = await _kit.MakeAsync("audio.m4a", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=1", "-c:a", "aac");
        var wav = await _kit.MakeAsync("audio.wav", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=48000:duration=1");
        var truncated = _kit.PathOf("truncated.mp4");
        var whole = await File.ReadAllBytesAsync(await _kit.MakeAsync("whole.mp4",
            "-f", "lavfi", "-i", "testsrc2=s=320x180:r=24", "-frames:v", "24", "-c:v", "libx264", "-preset", "veryfast", "-movflags", "+faststart"));
        await File.WriteAllBytesAsync(truncated, whole[..200]);

        Assert.Multiple(async () =>
        {
            foreach (var file in new[] { fragmented, audioOnly, wav, truncated })
                Assert.That(await Mp4SampleCount.OfVideoAsync(file, CancellationToken.None), Is.Null, Path.GetFileName(file));
        });
    }
}
