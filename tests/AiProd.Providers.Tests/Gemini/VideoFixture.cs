using AiProd.Contracts;
using AiProd.Media;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Providers.Tests.Gemini;

/// <summary>Small real MP4s made with ffmpeg, and the semantic QA command that describes them.</summary>
internal static class VideoFixture
{
    private static readonly MediaTool Tool = new(Options.Create(new MediaOptions()), NullLogger<MediaTool>.Instance);

    /// <summary>A 4 s 320x180 H.264 clip from a lavfi source (e.g. "testsrc2", "mandelbrot").</summary>
    public static async Task<string> MakeAsync(string folder, string source)
    {
        var file = Path.Combine(folder, $"{source}.mp4");
        var result = await Tool.FfmpegAsync(
            ["-y", "-v", "error", "-f", "lavfi", "-i", $"{source}=size=320x180:rate=24", "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file],
            "Test", CancellationToken.None);
        Assert.That(result.ExitCode, Is.Zero, result.StdErr);
        return file;
    }

    /// <summary>Three shots over 4 s, as the visual translator would plan them.</summary>
    public static RunSemanticQa Command(string file)
    {
        var direction = new CreativeDirection(1, "Lighthouse", [
            new Scene(0, "setup", "a lighthouse on the cliff", "wide pan", "dusk", "calm", 1.5),
            new Scene(1, "climax", "waves crash on the rocks", "push in", "dusk", "tense", 2.5),
        ], []);
        var spec = new ShotSpec(320, 180, 24, "#1d3557", "#f4a261", 0.7, 0.5, "waves", "");
        Shot Shot(string id, int scene, int order, double seconds) => new(id, scene, order, $"shot {id}", "wide", "pan left", "cut", ["start", "middle", "end"], seconds, spec);
        return new RunSemanticQa(Guid.NewGuid(), 1, new Uri(file).AbsoluteUri, new VideoRequest("A lighthouse at dusk", 4), direction,
            [Shot("c1-s00-sh00", 0, 0, 1.5), Shot("c1-s01-sh00", 1, 1, 1.25), Shot("c1-s01-sh01", 1, 2, 1.25)],
            [new ShotTiming("c1-s00-sh00", 0, 1.5), new ShotTiming("c1-s01-sh00", 1.5, 1.25), new ShotTiming("c1-s01-sh01", 2.75, 1.25)]);
    }
}
