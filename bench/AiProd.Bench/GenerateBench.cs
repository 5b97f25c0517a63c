using System.Diagnostics;
using System.Globalization;
using AiProd.Assets;
using AiProd.Bench.Scaling;
using AiProd.Contracts;
using AiProd.Embedded;
using AiProd.Media;
using AiProd.Orchestration;
using AiProd.Workers.Common;
using AiProd.Workers.Render;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Bench;

/// <summary>
/// <c>aiprod generate</c> end to end (embedded pipeline in this process, in-memory bus, render cache off) against
/// ffmpeg alone drawing the same procedural frames with the local renderer's lavfi graph and encoding them once with
/// the delivery settings; runs interleaved, medians and ratios printed per case, with each stage's median time. The
/// same plan is also generated once on the old path (<c>Render:Compose=Reencode</c>) and its delivered picture compared
/// with the new one (ffmpeg ssim). The issue's first baseline, testsrc2 encoded with the same settings, is printed too,
/// and the compose step alone on the last run's clips, its soundtrack made in compose against prepared ahead.
/// <c>--warmup</c> videos (2 by default) are generated first and not counted: the tiered JIT keeps recompiling the
/// pipeline's code for several videos, which a service pays once and the CLI pays on every run (its cold run is the
/// first warm-up line).
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- generate [--cases 720p:10,1080p:10,720p:60] [--runs 3] [--warmup 2]
/// </summary>
public static class GenerateBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = BenchArgs.Value(args, "--cases", "720p:10,1080p:10,720p:60").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var runs = int.Parse(BenchArgs.Value(args, "--runs", "3"), Inv);
        var warmup = int.Parse(BenchArgs.Value(args, "--warmup", "2"), Inv);
        var work = Directory.CreateTempSubdirectory("aiprod-bench-generate-").FullName;
        try
        {
            using var copy = await StartHostAsync(work, "copy", ComposeMode.Copy);
            using var reencode = await StartHostAsync(work, "reencode", ComposeMode.Reencode);
            var render = copy.Services.GetRequiredService<IOptions<RenderOptions>>().Value;
            Console.WriteLine($"AiProd generate bench: {runs} run(s) per case after {warmup} uncounted, x264 {render.DeliveryPreset} crf {render.DeliveryCrf}, ratios against a baseline run in the same process and the same run, medians");
            foreach (var item in cases)
            {
                var parts = item.Split(':');
                await RunCaseAsync(copy.Services, reencode.Services, parts[0], double.Parse(parts[1], Inv), runs, warmup, work);
            }
            await copy.StopAsync();
            await reencode.StopAsync();
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RunCaseAsync(IServiceProvider copy, IServiceProvider reencode, string resolution, double duration, int runs, int warmup, string work)
    {
        var request = new VideoRequest("A lighthouse at dusk, waves crashing on the rocks, gulls circling", duration, "16:9", resolution, 50m, 24);
        var size = FrameSize.For(request.AspectRatio, request.Resolution);
        var frames = (int)Math.Round(duration * request.FrameRate);
        var render = copy.GetRequiredService<IOptions<RenderOptions>>().Value;
        Console.WriteLine($"case {duration:0.#} s {size.Width}x{size.Height} at {request.FrameRate} fps ({frames} frames)");

        var (pipeline, baseline, testsrc) = (new List<double>(), new List<double>(), new List<double>());
        var (pipelineCpu, baselineCpu, ownCpu) = (new List<double>(), new List<double>(), new List<double>());
        var stages = new Dictionary<string, List<double>>();
        string? delivered = null;
        for (var i = 0; i < warmup; i++)
        {
            var cpu = ProcessMemory.CpuWithChildrenMilliseconds();
            var own = ProcessMemory.CpuMilliseconds(Environment.ProcessId);
            var cold = await Pipeline(copy, request);
            Console.WriteLine($"  warm-up {i + 1}, not counted: generate {cold.Seconds:0.00} s ({(ProcessMemory.CpuWithChildrenMilliseconds() - cpu) / 1000:0.00} s CPU, {(ProcessMemory.CpuMilliseconds(Environment.ProcessId) - own) / 1000:0.00} s of it in this process)");
        }

        for (var i = 0; i < runs; i++)
        {
            var cpu = ProcessMemory.CpuWithChildrenMilliseconds();
            baseline.Add(await RendererAlone(copy, size, request.FrameRate, duration, work));
            baselineCpu.Add((ProcessMemory.CpuWithChildrenMilliseconds() - cpu) / 1000);
            testsrc.Add(await TestsrcAlone(work, size.Width, size.Height, request.FrameRate, frames, render));
            cpu = ProcessMemory.CpuWithChildrenMilliseconds();
            var own = ProcessMemory.CpuMilliseconds(Environment.ProcessId);
            var run = await Pipeline(copy, request);
            pipelineCpu.Add((ProcessMemory.CpuWithChildrenMilliseconds() - cpu) / 1000);
            ownCpu.Add((ProcessMemory.CpuMilliseconds(Environment.ProcessId) - own) / 1000);
            pipeline.Add(run.Seconds);
            delivered = run.Delivered;
            foreach (var (stage, seconds) in run.Stages)
                (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(seconds);
            Console.WriteLine($"  run {i + 1}: generate {run.Seconds:0.00} s ({pipelineCpu[^1]:0.00} s CPU, {ownCpu[^1]:0.00} s of it in this process), ffmpeg alone {baseline[^1]:0.00} s ({baselineCpu[^1]:0.00} s CPU) (testsrc2 {testsrc[^1]:0.00} s); stages (s): {Stages(run.Stages)}");
        }

        await ComposeAloneAsync(copy, request, delivered!, runs, work);
        var old = await Pipeline(reencode, request);
        var ssim = await SsimAsync(old.Delivered, delivered!);
        var (p, b, t) = (Median(pipeline), Median(baseline), Median(testsrc));
        Console.WriteLine($"  median: generate {p:0.00} s, ffmpeg alone {b:0.00} s, ratio {p / b:0.00}x (against testsrc2 {t:0.00} s: {p / t:0.00}x)");
        Console.WriteLine($"  median CPU (this process and the tools it ran): generate {Median(pipelineCpu):0.00} s, ffmpeg alone {Median(baselineCpu):0.00} s, ratio {Median(pipelineCpu) / Median(baselineCpu):0.00}x");
        Console.WriteLine($"  median stages (s): {string.Join(", ", stages.Select(s => $"{s.Key} {Median(s.Value):0.00}"))}");
        Console.WriteLine($"  old path (Render:Compose=Reencode), one run: {old.Seconds:0.00} s ({old.Seconds / b:0.00}x), stages (s): {Stages(old.Stages)}");
        Console.WriteLine($"  SSIM of the delivered picture, new path against old on the same plan: {ssim:0.0000}");
    }

    private sealed record Run(double Seconds, string Delivered, IReadOnlyList<(string Stage, double Seconds)> Stages);

    /// <summary>
    /// The compose step alone on the last run's clips, interleaved: with the soundtrack made in compose (as before
    /// PrepareSoundtrack), with it prepared ahead (as the render role does while the shots render) and every clip read
    /// again (from its MP4 boxes, ffprobe only for a clip that reader does not take), prepared ahead with the clip indexes
    /// the render steps stored, and with those and the transition windows the render steps encoded (as the compose consumer does).
    /// </summary>
    private static async Task ComposeAloneAsync(IServiceProvider services, VideoRequest request, string delivered, int runs, string work)
    {
        var assets = services.GetRequiredService<IAssetStore>();
        var videoId = Guid.Parse(Path.GetFileName(Path.GetDirectoryName(delivered)!));
        VideoManifest manifest;
        await using (var stream = await assets.OpenReadAsync((await assets.FindAsync(videoId, "manifest.json", CancellationToken.None))!, CancellationToken.None))
            manifest = (await System.Text.Json.JsonSerializer.DeserializeAsync<VideoManifest>(stream, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!;
        var shots = manifest.Shots.OrderBy(s => s.Order).ToList();
        var clips = new List<string>();
        var indexes = new List<StoredClipIndex?>();
        foreach (var shot in shots)
        {
            var rendered = manifest.RenderedShots.Single(r => r.ShotId == shot.ShotId);
            clips.Add(await assets.GetLocalFileAsync(rendered.AssetUri, CancellationToken.None));
            indexes.Add(await RenderJournal.ForShot(assets, videoId, rendered).StoredIndexAsync(CancellationToken.None));
        }
        var composer = services.GetRequiredService<IVideoComposer>();
        var soundtracks = services.GetRequiredService<AiProd.Workers.Render.Soundtracks.PreparedSoundtracks>();
        if (await soundtracks.FindAsync(videoId, soundtracks.KeyOf(request, shots), CancellationToken.None) is not { } prepared)
        {
            Console.WriteLine("  compose alone: skipped, no soundtrack was prepared ahead (Render:PrepareSoundtrack=false)");
            return;
        }

        // The same composer without the transition windows the render steps stored: every window encoded in compose.
        var encodesWindows = new FfmpegVideoComposer(
            services.GetRequiredService<FfmpegEncoder>(), services.GetRequiredService<MediaProbe>(),
            services.GetRequiredService<AiProd.Workers.Render.Narration.ITextToSpeech>(), services.GetRequiredService<IOptions<RenderOptions>>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<FfmpegVideoComposer>.Instance);
        var (made, ahead, indexed, windowed) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var output = Path.Combine(work, "compose-alone.mp4");
        for (var i = 0; i < runs; i++)
        {
            (IVideoComposer Composer, AiProd.Workers.Render.Soundtracks.Soundtrack? Soundtrack, IReadOnlyList<StoredClipIndex?> Stored, List<double> Times)[] variants =
                [(encodesWindows, null, [], made), (encodesWindows, prepared, [], ahead), (encodesWindows, prepared, indexes, indexed), (composer, prepared, indexes, windowed)];
            foreach (var (variant, soundtrack, stored, times) in variants)
            {
                var clock = Stopwatch.StartNew();
                await variant.ComposeAsync(videoId, request, shots, clips, stored, output, soundtrack, CancellationToken.None);
                times.Add(clock.Elapsed.TotalSeconds);
                File.Delete(output);
            }
        }
        Console.WriteLine($"  compose alone, {runs} each interleaved: soundtrack made in compose {Median(made):0.00} s, prepared ahead {Median(ahead):0.00} s, ratio {Median(ahead) / Median(made):0.00}");
        Console.WriteLine($"  compose alone, prepared ahead with the {indexes.Count(i => i is not null)} clip indexes the render steps stored: {Median(indexed):0.00} s, ratio {Median(indexed) / Median(ahead):0.00} against every clip read again");
        Console.WriteLine($"  compose alone, prepared ahead with the stored indexes and the transition windows the render steps encoded: {Median(windowed):0.00} s, ratio {Median(windowed) / Median(indexed):0.00} against the windows encoded in compose");
    }

    private static string Stages(IReadOnlyList<(string Stage, double Seconds)> stages) =>
        string.Join(", ", stages.Select(s => $"{s.Stage} {s.Seconds:0.00}"));

    private static async Task<IHost> StartHostAsync(string work, string name, ComposeMode compose)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Assets:Root"] = Path.Combine(work, name, "assets");
        builder.Configuration["Saga:ConnectionString"] = $"Data Source={Path.Combine(work, name, "aiprod.db")}";
        builder.Configuration["RenderCache:Entries"] = "0";
        builder.Configuration["Render:Compose"] = compose.ToString();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults().AddEmbeddedPipeline().AddAiProdBus();
        Directory.CreateDirectory(Path.Combine(work, name));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<Run> Pipeline(IServiceProvider services, VideoRequest request)
    {
        var id = NewId.NextGuid();
        var reader = services.GetRequiredService<VideoStatusReader>();
        var ended = new TaskCompletionSource<VideoError?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Waits for the public event, as the CLI does: polling the store every few ms would add its own CPU to the run's.
        var endpoint = services.GetRequiredService<IBus>().ConnectReceiveEndpoint(e =>
        {
            e.Handler<VideoCompleted>(c =>
            {
                if (c.Message.VideoId == id)
                    ended.TrySetResult(null);
                return Task.CompletedTask;
            });
            e.Handler<VideoFailed>(c =>
            {
                if (c.Message.VideoId == id)
                    ended.TrySetResult(c.Message.Error);
                return Task.CompletedTask;
            });
        });
        try
        {
            await endpoint.Ready;
            var clock = Stopwatch.StartNew();
            await services.GetRequiredService<IBus>().Publish(new GenerateVideo(id, request));
            if (await ended.Task is { } error)
                throw new InvalidOperationException($"The benchmark video failed: {error}");
            var elapsed = clock.Elapsed.TotalSeconds;
            while (true)
            {
                var status = await reader.FindAsync(id, CancellationToken.None);
                if (status?.State == VideoStages.Complete)
                {
                    var stages = status.History.Where(h => h.LeftAt is not null && h.Stage != VideoStages.Complete)
                        .Select(h => (h.Stage, (h.LeftAt!.Value - h.EnteredAt).TotalSeconds)).ToList();
                    var file = await services.GetRequiredService<IAssetStore>().GetLocalFileAsync(status.AssetUri!, CancellationToken.None);
                    return new Run(elapsed, file, stages);
                }
                await Task.Delay(10);
            }
        }
        finally
        {
            await endpoint.StopAsync();
        }
    }

    /// <summary>ffmpeg alone: the local renderer's own graph drawing every frame of the video in one run, encoded once with the delivery settings.</summary>
    private static async Task<double> RendererAlone(IServiceProvider services, FrameSize size, int fps, double duration, string work)
    {
        var spec = new ShotSpec(size.Width, size.Height, fps, "#1d3557", "#e9c46a", 0.55, 0.5, "waves", "A lighthouse at dusk");
        var shot = new Shot("baseline", 0, 0, "baseline", "wide", "pan right", "cut", [], duration, spec);
        var output = Path.Combine(work, "baseline-renderer.mp4");
        var clock = Stopwatch.StartNew();
        await services.GetRequiredService<LocalShotRenderer>().RenderAsync(Guid.Empty, shot, output, CancellationToken.None);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The issue's first baseline: testsrc2 of the same size, rate and frame count with a sine, encoded like a delivery.</summary>
    private static async Task<double> TestsrcAlone(string work, int width, int height, int fps, int frames, RenderOptions render)
    {
        var output = Path.Combine(work, "baseline-testsrc.mp4");
        var clock = Stopwatch.StartNew();
        await Ffmpeg(
            "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r={fps}", "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000",
            "-frames:v", frames.ToString(Inv), "-t", (frames / (double)fps).ToString(Inv),
            "-c:v", "libx264", "-preset", render.DeliveryPreset, "-crf", render.DeliveryCrf.ToString(Inv), "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", $"{render.AudioBitrateKbps}k", "-ac", "2", "-movflags", "+faststart", output);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Mean SSIM (all planes) of two videos frame by frame (ffmpeg ssim filter).</summary>
    internal static async Task<double> SsimAsync(string reference, string candidate)
    {
        var log = await Ffmpeg("-v", "info", "-nostats", "-i", candidate, "-i", reference, "-lavfi", "[0:v][1:v]ssim", "-f", "null", "-");
        var at = log.LastIndexOf(" All:", StringComparison.Ordinal);
        var text = at < 0 ? "" : log[(at + 5)..].Split(' ', 2)[0];
        return double.TryParse(text, NumberStyles.Float, Inv, out var value) ? value : double.NaN;
    }

    private static async Task<string> Ffmpeg(params string[] args)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? errors : throw new InvalidOperationException($"ffmpeg exited with {process.ExitCode}{(process.ExitCode > 128 ? $" (signal {process.ExitCode - 128})" : "")}: {errors}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
