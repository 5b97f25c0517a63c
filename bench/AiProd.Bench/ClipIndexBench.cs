using System.Diagnostics;
using System.Globalization;
using AiProd.Bench.Scaling;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Render;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Bench;

/// <summary>
/// The render step's clip index alone on a real clip (the local renderer's, at the delivery settings): ffprobe
/// (<see cref="ClipIndex.ProbeAsync"/>) against the MP4's own boxes (<see cref="ClipIndex.ReadAsync"/>), alternated,
/// each sample a batch of reads; wall and CPU (this process and the ffprobe runs it waited for) per read, medians.
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- clipindex [--runs 7] [--reads 10] [--seconds 1.6]
/// </summary>
public static class ClipIndexBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(BenchArgs.Value(args, "--runs", "7"), Inv);
        var reads = int.Parse(BenchArgs.Value(args, "--reads", "10"), Inv);
        var seconds = double.Parse(BenchArgs.Value(args, "--seconds", "1.6"), Inv);
        var work = Directory.CreateTempSubdirectory("aiprod-bench-clipindex-").FullName;
        try
        {
            var tool = new MediaTool(Options.Create(new MediaOptions()), NullLogger<MediaTool>.Instance);
            var options = Options.Create(new RenderOptions { Compose = ComposeMode.Copy });
            var renderer = new LocalShotRenderer(new FfmpegEncoder(tool, NullLogger<FfmpegEncoder>.Instance), options, NullLogger<LocalShotRenderer>.Instance);
            var shot = new Shot("sh1", 0, 0, "A lighthouse at dusk", "wide", "push in", "dissolve", ["start", "middle", "end"], seconds,
                new ShotSpec(1280, 720, 24, "#1d3557", "#f4a261", 0.7, 0.5, "waves", "First light"));
            var clip = Path.Combine(work, "clip.mp4");
            await renderer.RenderAsync(Guid.Empty, shot, clip, CancellationToken.None);
            var probed = await ClipIndex.ProbeAsync(tool, clip, 24, CancellationToken.None);
            var read = await ClipIndex.ReadAsync(tool, clip, 24, CancellationToken.None);
            Console.WriteLine($"clip index bench: {seconds:0.##} s 1280x720 at 24 fps from the local renderer ({new FileInfo(clip).Length / 1024} KiB, {probed?.Frames} frames, {probed?.KeyFrames.Count} key frames), {runs} alternated samples of {reads} reads each");
            Console.WriteLine($"  the same index both ways: {Same(probed, read)}");

            var (probeWall, probeCpu, boxWall, boxCpu) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var i = 0; i < runs; i++)
            {
                var (w, c) = await TimeAsync(reads, () => ClipIndex.ProbeAsync(tool, clip, 24, CancellationToken.None));
                probeWall.Add(w);
                probeCpu.Add(c);
                (w, c) = await TimeAsync(reads, () => ClipIndex.ReadAsync(tool, clip, 24, CancellationToken.None));
                boxWall.Add(w);
                boxCpu.Add(c);
                Console.WriteLine($"  sample {i + 1}: ffprobe {probeWall[^1]:0.0} ms wall, {probeCpu[^1]:0.0} ms CPU · boxes {boxWall[^1]:0.00} ms wall, {boxCpu[^1]:0.0} ms CPU (per read)");
            }

            Console.WriteLine($"  median per read: ffprobe {Median(probeWall):0.0} ms wall, {Median(probeCpu):0.0} ms CPU · boxes {Median(boxWall):0.00} ms wall, {Median(boxCpu):0.0} ms CPU");
            return Same(probed, read) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Wall and CPU milliseconds per call of <paramref name="reads"/> calls in a row.</summary>
    private static async Task<(double Wall, double Cpu)> TimeAsync(int reads, Func<Task<ClipIndex?>> read)
    {
        var cpu = ProcessMemory.CpuWithChildrenMilliseconds();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < reads; i++)
            _ = await read() ?? throw new InvalidOperationException("The clip could not be indexed.");
        return (clock.Elapsed.TotalMilliseconds / reads, (ProcessMemory.CpuWithChildrenMilliseconds() - cpu) / reads);
    }

    private static bool Same(ClipIndex? a, ClipIndex? b) =>
        a is not null && b is not null && (a.Codec, a.Width, a.Height, a.PixelFormat, a.FrameRate, a.Tag, a.Frames) == (b.Codec, b.Width, b.Height, b.PixelFormat, b.FrameRate, b.Tag, b.Frames)
        && a.KeyFrames.SequenceEqual(b.KeyFrames);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
