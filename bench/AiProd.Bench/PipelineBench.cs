using System.Diagnostics;
using System.Globalization;
using AiProd.Contracts;
using AiProd.Embedded;
using AiProd.Orchestration;
using AiProd.Workers.Render;
using AiProd.Workers.Render.Caching;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Bench;

/// <summary>
/// Whole-pipeline wall time (GenerateVideo published → VideoCompleted, embedded mode) against the baseline of
/// ffmpeg alone encoding the same number of frames with the delivery settings, both run in this process, several
/// times, interleaved; prints medians and their ratio. The timed runs render every shot (the render cache is off for
/// them); then, on a host with the cache on, the same request twice: the second one's shots come from the cache, and
/// the hit ratio, time and cost of both are printed.
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- [--duration 10] [--runs 3] [--resolution 720p]
/// </summary>
public static class PipelineBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var duration = double.Parse(BenchArgs.Value(args, "--duration", "10"), CultureInfo.InvariantCulture);
        var runs = int.Parse(BenchArgs.Value(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var resolution = BenchArgs.Value(args, "--resolution", "720p");
        var work = Directory.CreateTempSubdirectory("aiprod-bench-").FullName;
        try
        {
            using var host = await StartHostAsync(work, "timed", renderCache: false);

            var render = host.Services.GetRequiredService<IOptions<RenderOptions>>().Value;
            var request = new VideoRequest("A lighthouse at dusk, waves crashing on the rocks, gulls circling", duration, "16:9", resolution, 5m, 24);
            var size = AiProd.Workers.Common.FrameSize.For(request.AspectRatio, request.Resolution);
            var frames = (int)Math.Round(duration * request.FrameRate);
            Console.WriteLine($"AiProd bench: {duration:0.#} s {size.Width}x{size.Height} at {request.FrameRate} fps ({frames} frames), {runs} run(s) each, x264 {render.DeliveryPreset} crf {render.DeliveryCrf} + AAC {render.AudioBitrateKbps}k");

            var pipeline = new List<double>();
            var baseline = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                baseline.Add(await Baseline(work, size.Width, size.Height, request.FrameRate, frames, render));
                pipeline.Add(await Pipeline(host.Services, request));
                Console.WriteLine($"  run {i + 1}: pipeline {pipeline[^1]:0.00} s, ffmpeg alone {baseline[^1]:0.00} s");
            }

            await host.StopAsync();
            var (p, b) = (Median(pipeline), Median(baseline));
            Console.WriteLine($"median: pipeline {p:0.00} s, ffmpeg alone {b:0.00} s, ratio {p / b:0.00}x");

            using var cached = await StartHostAsync(work, "cached", renderCache: true);
            var cache = cached.Services.GetRequiredService<RenderCache>();
            var once = await Pipeline(cached.Services, request);
            var (hitsOnce, missesOnce) = (cache.Hits, cache.Misses);
            var again = await Pipeline(cached.Services, request);
            await cached.StopAsync();
            Console.WriteLine($"render cache: first request {once:0.00} s ({hitsOnce} hit(s), {missesOnce} miss(es)), the same request again {again:0.00} s " +
                $"({cache.Hits - hitsOnce} hit(s), {cache.Misses - missesOnce} miss(es)); hit ratio over both {cache.HitRatio:0.00}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<IHost> StartHostAsync(string work, string name, bool renderCache)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Assets:Root"] = Path.Combine(work, name, "assets");
        builder.Configuration["Saga:ConnectionString"] = $"Data Source={Path.Combine(work, name, "aiprod.db")}";
        builder.Configuration["RenderCache:Entries"] = renderCache ? "500" : "0";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults().AddEmbeddedPipeline().AddAiProdBus();
        Directory.CreateDirectory(Path.Combine(work, name));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<double> Pipeline(IServiceProvider services, VideoRequest request)
    {
        var id = NewId.NextGuid();
        var reader = services.GetRequiredService<VideoStatusReader>();
        var clock = Stopwatch.StartNew();
        await services.GetRequiredService<IBus>().Publish(new GenerateVideo(id, request));
        while (true)
        {
            var status = await reader.FindAsync(id, CancellationToken.None);
            if (status?.State == VideoStages.Complete)
            {
                var elapsed = clock.Elapsed.TotalSeconds;
                var stages = status.History.Where(h => h.LeftAt is not null && h.Stage != VideoStages.Complete)
                    .Select(h => $"{h.Stage} {(h.LeftAt!.Value - h.EnteredAt).TotalSeconds:0.00}");
                Console.WriteLine($"    stages (s): {string.Join(", ", stages)}");
                return elapsed;
            }
            if (status?.State == VideoStages.Failed)
                throw new InvalidOperationException($"The benchmark video failed: {status.Error}");
            await Task.Delay(10);
        }
    }

    /// <summary>ffmpeg alone: a synthetic source of the same size, rate and frame count, encoded like a delivery.</summary>
    private static async Task<double> Baseline(string work, int width, int height, int fps, int frames, RenderOptions render)
    {
        var output = Path.Combine(work, "baseline.mp4");
        var psi = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            ArgumentList =
            {
                "-v", "error", "-y",
                "-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r={fps}",
                "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000",
                "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-t", (frames / (double)fps).ToString(CultureInfo.InvariantCulture),
                "-c:v", "libx264", "-preset", render.DeliveryPreset, "-crf", render.DeliveryCrf.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", $"{render.AudioBitrateKbps}k", "-ac", "2", "-movflags", "+faststart", output,
            },
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed: {errors}");
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
