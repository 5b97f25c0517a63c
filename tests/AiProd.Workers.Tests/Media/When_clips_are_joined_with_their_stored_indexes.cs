using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Render;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Media;

/// <summary>
/// The stream-copy join with the clip indexes the render steps stored: the same delivered file as when compose reads
/// every clip itself (from its MP4 boxes, no ffprobe) and as with ffprobe's indexes; an index that does not describe its
/// clip's bytes (other bytes, another frame rate, none at all) is ignored and the clip read.
/// </summary>
[Category("Integration")]
public class When_clips_are_joined_with_their_stored_indexes
{
    private static readonly Guid VideoId = Guid.NewGuid();
    private static readonly VideoRequest Request = new("A quiet harbour at dawn", 4.5, FrameRate: 24);
    private static readonly RenderOptions Copy = new() { Compose = ComposeMode.Copy };
    private readonly MediaKit _kit = new();
    private readonly List<string> _composed = [];
    private IReadOnlyList<Shot> _shots = null!;
    private List<string> _clips = null!;
    private StoredClipIndex[] _stored = null!;
    private AiProd.Workers.Render.Soundtracks.Soundtrack _soundtrack = null!;
    private string _probed = null!;
    private int _probedRuns;

    [OneTimeSetUp]
    public async Task Render_the_clips_and_compose_them_with_ffprobe()
    {
        _shots =
        [
            MediaKit.Shot("sh1", 0, 2.0, "dissolve", "waves", "push in", "wide", caption: "First light"),
            MediaKit.Shot("sh2", 1, 1.5, "cut", "rings", "pan left", "close-up", brightness: 0.4),
            MediaKit.Shot("sh3", 2, 1.0, "cut", "bars", "static", "medium"),
        ];
        var renderer = _kit.Renderer(Copy);
        _clips = [.. _shots.Select(s => _kit.PathOf($"{s.ShotId}.mp4"))];
        await Task.WhenAll(_shots.Select((s, i) => renderer.RenderAsync(VideoId, s, _clips[i], CancellationToken.None)));
        // One soundtrack for every compose: the bed's noise is random, so a soundtrack made in each would differ.
        _soundtrack = await new AiProd.Workers.Render.Soundtracks.SoundtrackMaker(
                _kit.Tool, _kit.Probe, new AiProd.Workers.Render.Narration.EspeakTextToSpeech(_kit.Tool), Options.Create(Copy))
            .MakeAsync(Request, _shots, CompositionPlan.For(_shots, 24), _kit.PathOf("soundtrack"), [], CancellationToken.None);
        _stored = await Task.WhenAll(_clips.Select(async c => (await StoredClipIndex.MakeAsync(_kit.Tool, c, 24, CancellationToken.None))!));
        (_probed, _probedRuns) = await ComposeAsync("probed", []);
    }

    [OneTimeTearDown]
    public void Clean_up() => _kit.Dispose();

    [Test]
    public void Should_index_each_clip_as_compose_reads_it()
    {
        Assert.That(_stored, Has.All.Not.Null);
        Assert.Multiple(async () =>
        {
            for (var i = 0; i < _clips.Count; i++)
            {
                var read = (await ClipIndex.ProbeAsync(_kit.Tool, _clips[i], 24, CancellationToken.None))!;
                var (a, b) = (_stored[i].Index, read);
                Assert.That((a.Codec, a.Width, a.Height, a.PixelFormat, a.FrameRate, a.Tag, a.Frames), Is.EqualTo((b.Codec, b.Width, b.Height, b.PixelFormat, b.FrameRate, b.Tag, b.Frames)));
                Assert.That(_stored[i].Index.KeyFrames, Is.EqualTo(read.KeyFrames));
                Assert.That(_stored[i].Index.KeyFrames, Has.Count.GreaterThan(1), "a closed GOP where the compose cuts");
            }
        });
    }

    [Test]
    public async Task Should_deliver_the_same_file_without_reading_the_clips_again()
    {
        var (file, ffprobeRuns) = await ComposeAsync("stored", _stored);
        var probedIndexes = await Task.WhenAll(_stored.Select(async (s, i) =>
            (StoredClipIndex?)(s with { Index = (await ClipIndex.ProbeAsync(_kit.Tool, _clips[i], 24, CancellationToken.None))! })));
        var (withFfprobe, _) = await ComposeAsync("ffprobe", probedIndexes);

        Assert.Multiple(async () =>
        {
            Assert.That(await File.ReadAllBytesAsync(file), Is.EqualTo(await File.ReadAllBytesAsync(_probed)), "byte for byte");
            Assert.That(await File.ReadAllBytesAsync(withFfprobe), Is.EqualTo(await File.ReadAllBytesAsync(_probed)), "and as with ffprobe's indexes");
            Assert.That(_probedRuns, Is.Zero, "compose reads our clips from their boxes, without ffprobe");
            Assert.That(ffprobeRuns, Is.Zero, "and none for the joined file's frame count either");
            Assert.That(Composed(file), Does.Contain("by stream copy (3 clip index(es) as their render steps stored them, 0 transition window(s) encoded ahead)"));
            Assert.That(Composed(_probed), Does.Contain("by stream copy (0 clip index(es)"));
        });
    }

    [Test]
    public async Task Should_read_a_clip_whose_stored_index_does_not_describe_it()
    {
        // Each entry would break the join if it were believed: it claims the clip has no frames.
        StoredClipIndex?[] wrong =
        [
            _stored[0] with { Sha256 = new string('0', 64), Index = _stored[0].Index with { Frames = 0 } },
            _stored[1] with { FrameRate = 25, Index = _stored[1].Index with { Frames = 0 } },
            _stored[2] with { SizeBytes = _stored[2].SizeBytes + 1, Index = _stored[2].Index with { Frames = 0 } },
        ];
        var (mismatched, mismatchedRuns) = await ComposeAsync("mismatched", wrong);
        var (partial, partialRuns) = await ComposeAsync("partial", [null, _stored[1]]);

        Assert.Multiple(async () =>
        {
            Assert.That(await File.ReadAllBytesAsync(mismatched), Is.EqualTo(await File.ReadAllBytesAsync(_probed)));
            Assert.That(mismatchedRuns, Is.Zero, "every clip read again, from its boxes");
            Assert.That(Composed(mismatched), Does.Contain("by stream copy (0 clip index(es)"));
            Assert.That(await File.ReadAllBytesAsync(partial), Is.EqualTo(await File.ReadAllBytesAsync(_probed)));
            Assert.That(partialRuns, Is.Zero);
            Assert.That(Composed(partial), Does.Contain("by stream copy (1 clip index(es)"));
        });
    }

    [Test]
    public async Task Should_deliver_the_same_file_with_the_audio_track_encoded_ahead()
    {
        var maker = new AiProd.Workers.Render.Soundtracks.SoundtrackMaker(
            _kit.Tool, _kit.Probe, new AiProd.Workers.Render.Narration.EspeakTextToSpeech(_kit.Tool), Options.Create(Copy));
        var seconds = CompositionPlan.For(_shots, 24).TotalSeconds;
        var encoded = await maker.EncodeAsync(_soundtrack, seconds, _kit.PathOf("track.m4a"), CancellationToken.None);
        // A track of the right length and bitrate but other sound: copied as it is, so the join must be copying it.
        var other = await _kit.MakeAsync("other.m4a", "-f", "lavfi", "-i", "sine=frequency=880:sample_rate=48000", "-c:a", "aac", "-b:a", $"{Copy.AudioBitrateKbps}k",
            "-ar", "48000", "-ac", "2", "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "mp4");
        var (ahead, _) = await ComposeAsync("track-ahead", _stored, _soundtrack with { Encoded = encoded });
        var (copiedOther, _) = await ComposeAsync("track-other", _stored, _soundtrack with { Encoded = encoded with { File = other } });
        var (otherLength, _) = await ComposeAsync("track-other-length", _stored, _soundtrack with { Encoded = encoded with { File = other, Seconds = seconds + 1 } });
        var (otherRate, _) = await ComposeAsync("track-other-bitrate", _stored, _soundtrack with { Encoded = encoded with { File = other, BitrateKbps = Copy.AudioBitrateKbps * 2 } });

        Assert.Multiple(async () =>
        {
            Assert.That(await File.ReadAllBytesAsync(ahead), Is.EqualTo(await File.ReadAllBytesAsync(_probed)), "copying the track writes what encoding the mix wrote");
            Assert.That(await AudioPacketsAsync(copiedOther), Is.EqualTo(await AudioPacketsAsync(other)), "the track given is copied");
            Assert.That(await File.ReadAllBytesAsync(otherLength), Is.EqualTo(await File.ReadAllBytesAsync(_probed)), "a track of another length is not used");
            Assert.That(await File.ReadAllBytesAsync(otherRate), Is.EqualTo(await File.ReadAllBytesAsync(_probed)), "nor one at another bitrate");
        });
    }

    /// <summary>The MD5 of a file's audio packets as stored (no decode).</summary>
    private async Task<string> AudioPacketsAsync(string file) =>
        (await _kit.Tool.FfmpegAsync(["-v", "error", "-i", file, "-map", "0:a", "-c", "copy", "-f", "md5", "-"], "Test", CancellationToken.None)).StdOut.Trim();

    [Test]
    public async Task Should_believe_an_index_that_describes_the_clip()
    {
        // The right bytes with another tag: trusted, so the clip is not copyable and the whole video is encoded.
        StoredClipIndex?[] tagged = [_stored[0] with { Index = _stored[0].Index with { Tag = "made elsewhere" } }, _stored[1], _stored[2]];
        var (file, _) = await ComposeAsync("tagged", tagged);
        Assert.That(Composed(file), Does.Contain("by one encode"));
    }

    /// <summary>Composes the clips into a new file with these stored indexes; returns it and how many ffprobe runs that took.</summary>
    private async Task<(string File, int FfprobeRuns)> ComposeAsync(
        string name, IReadOnlyList<StoredClipIndex?> indexes, AiProd.Workers.Render.Soundtracks.Soundtrack? soundtrack = null)
    {
        var tools = new ToolLog();
        var tool = new MediaTool(Options.Create(new MediaOptions()), tools);
        var encoder = new FfmpegEncoder(tool, NullLogger<FfmpegEncoder>.Instance);
        var composer = new FfmpegVideoComposer(
            encoder, new MediaProbe(tool), new AiProd.Workers.Render.Narration.EspeakTextToSpeech(tool), Options.Create(Copy), new ComposeLog(_composed, name));
        var output = _kit.PathOf($"{name}.mp4");
        await composer.ComposeAsync(VideoId, Request, _shots, _clips, indexes, output, soundtrack ?? _soundtrack, CancellationToken.None);
        return (output, tools.FfprobeRuns);
    }

    private string Composed(string file)
    {
        lock (_composed)
            return _composed.Single(m => m.StartsWith(Path.GetFileNameWithoutExtension(file) + ": ", StringComparison.Ordinal));
    }

    /// <summary>Counts the ffprobe runs the media tool reports (one debug line as each exits).</summary>
    private sealed class ToolLog : ILogger<MediaTool>
    {
        private int _ffprobeRuns;

        public int FfprobeRuns => Volatile.Read(ref _ffprobeRuns);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith("ffprobe exited", StringComparison.Ordinal))
                Interlocked.Increment(ref _ffprobeRuns);
        }
    }

    /// <summary>The composer's summary line of each compose, prefixed with the compose's name.</summary>
    private sealed class ComposeLog(List<string> lines, string name) : ILogger<FfmpegVideoComposer>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.StartsWith("Composed ", StringComparison.Ordinal))
            {
                lock (lines)
                    lines.Add($"{name}: {message}");
            }
        }
    }
}
