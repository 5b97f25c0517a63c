using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Tests.Media;

/// <summary>Real ffmpeg-backed services with default options, plus helpers to make broken videos in a temp folder.</summary>
internal sealed class MediaKit : IDisposable
{
    public MediaKit()
    {
        Folder = Path.Combine(Path.GetTempPath(), "aiprod-media-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Tool = new MediaTool(Options.Create(new MediaOptions()), NullLogger<MediaTool>.Instance);
        Probe = new MediaProbe(Tool);
        Encoder = new FfmpegEncoder(Tool, NullLogger<FfmpegEncoder>.Instance);
    }

    public FfmpegEncoder Encoder { get; }

    public string Folder { get; }

    public MediaTool Tool { get; }

    public MediaProbe Probe { get; }

    public LocalShotRenderer Renderer(RenderOptions? options = null) =>
        new(Encoder, Options.Create(options ?? new RenderOptions()), NullLogger<LocalShotRenderer>.Instance);

    public FfmpegVideoComposer Composer(RenderOptions? options = null, Microsoft.Extensions.Logging.ILogger<FfmpegVideoComposer>? logger = null) =>
        new(Encoder, Probe, new AiProd.Workers.Render.Narration.EspeakTextToSpeech(Tool), Options.Create(options ?? new RenderOptions()),
            logger ?? NullLogger<FfmpegVideoComposer>.Instance);

    public FfprobeTechnicalQa TechnicalQa() => new(Tool, Probe, Options.Create(new QaOptions()), NullLogger<FfprobeTechnicalQa>.Instance);

    public OfflineSemanticQa SemanticQa() => new(Tool, Options.Create(new QaOptions()), NullLogger<OfflineSemanticQa>.Instance);

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Runs ffmpeg to make a fixture; the arguments end with the output name, which is placed in the folder.</summary>
    public async Task<string> MakeAsync(string name, params string[] arguments)
    {
        var output = PathOf(name);
        var result = await Tool.FfmpegAsync(["-y", "-v", "error", .. arguments, output], "Test", CancellationToken.None);
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        return output;
    }

    /// <summary>A 1280x720 24 fps clip with an audible tone, from a lavfi video source expression.</summary>
    public Task<string> MakeClipAsync(string name, string videoSource, double seconds, bool audio = true) =>
        audio
            ? MakeAsync(name, "-f", "lavfi", "-i", videoSource, "-f", "lavfi", "-i", $"sine=frequency=330:sample_rate=48000:duration={seconds}",
                "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-ac", "2", "-metadata", "title=fixture", "-movflags", "+faststart")
            : MakeAsync(name, "-f", "lavfi", "-i", videoSource,
                "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-metadata", "title=fixture", "-movflags", "+faststart");

    public static Shot Shot(string id, int order, double seconds, string transition, string pattern, string movement, string framing,
        double brightness = 0.7, double motion = 0.5, string caption = "", int width = 1280, int height = 720, int fps = 24) =>
        new(id, order, order, $"shot {id}", framing, movement, transition, ["start", "middle", "end"], seconds,
            new ShotSpec(width, height, fps, "#1d3557", "#f4a261", brightness, motion, pattern, caption));

    public static RunSemanticQa SemanticCommand(string file, IReadOnlyList<Shot> shots, IReadOnlyList<ShotTiming> timeline, double seconds) =>
        new(Guid.NewGuid(), 1, new Uri(file).AbsoluteUri, new VideoRequest("test video", seconds),
            new CreativeDirection(1, "Test", [], []), shots, timeline);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind must not fail the run.
        }
    }
}
