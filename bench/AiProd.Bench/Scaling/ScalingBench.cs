using System.Diagnostics;
using System.Text.Json;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Testing;
using AiProd.Workers.Common;

namespace AiProd.Bench.Scaling;

/// <summary>
/// Shots per minute with 1, 2 and 4 render worker processes on the emulators (Pub/Sub, Firestore, Cloud Storage), every
/// role its own process, shots taking a fixed wall time (<see cref="FixedTimeShotRenderer"/>), with the efficiency
/// against linear; the planning steps' latency there and, as the baseline in the same run, in memory; each service's
/// idle RSS. Every run starts its own deployment and measures every worker count; medians over the runs.
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- scaling [--workers 1,2,4] [--videos 6] [--duration 12]
/// [--shot-seconds 1] [--runs 3] [--timeout 30] (minutes, for the whole bench) [--keep] (keep every process's log).
/// </summary>
public static class ScalingBench
{
    private const string AspectRatio = "16:9";
    private const string Resolution = "720p";
    private const int FrameRate = 24;

    /// <summary>
    /// x264 preset of the composition (<c>Render:DeliveryPreset</c>) here: the finished videos' real encodes overlap the
    /// render phase, and on 2 cores the product's superfast would crowd the messaging being measured.
    /// </summary>
    internal const string DeliveryPreset = "ultrafast";

    /// <summary>Per batch, warm-ups included; the global timeout still applies.</summary>
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long after start-up the idle RSS is read: the JIT and the first timers have settled by then.</summary>
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(5);

    private static readonly string[] Prompts =
    [
        "A lighthouse at dusk, waves crashing on the rocks, gulls circling",
        "A paper boat drifting down a rainy city street at night",
        "A hot air balloon rising over misty green hills at sunrise",
        "A fox running through a snowy forest under the northern lights",
        "A night market with paper lanterns and steam rising from the stalls",
        "An old train crossing a stone bridge over a deep mountain valley",
        "A coral reef with bright fish darting between swaying sea plants",
        "Storm clouds rolling over a city skyline beside a wide river",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = ScalingSettings.Parse(args);
        // No usage report to MassTransit's servers from the in-process hosts (the services get the same variable).
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
        using var cancel = new CancellationTokenSource(settings.Timeout);
        var interrupted = false;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Ctrl+C stops the bench through its token, so every process it started is stopped on the way out.
            e.Cancel = true;
            interrupted = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var work = Directory.CreateTempSubdirectory("aiprod-scaling-").FullName;
        var succeeded = false;
        try
        {
            var results = await MeasureAsync(settings, work, cancel.Token);
            ScalingReport.Print(settings, results);
            succeeded = true;
            return 0;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            Console.Error.WriteLine(cancel.IsCancellationRequested
                ? $"scaling bench stopped: {(interrupted ? "interrupted" : $"past its {settings.Timeout.TotalMinutes:0} min timeout")} ({e.Message})"
                : $"scaling bench failed: {e.Message}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            await StopLeftoversAsync();
            if (succeeded && !settings.Keep)
                Directory.Delete(work, recursive: true);
            else
                Console.WriteLine($"logs kept in {work}");
        }
    }

    private static async Task<IReadOnlyList<RunResult>> MeasureAsync(ScalingSettings settings, string work, CancellationToken cancellationToken)
    {
        var size = FrameSize.For(AspectRatio, Resolution);
        var requests = Enumerable.Range(0, settings.Videos)
            .Select(i => new VideoRequest(Prompts[i % Prompts.Length], settings.DurationSeconds, AspectRatio, Resolution, 5m, FrameRate)).ToList();
        var warmUp = new VideoRequest("A windmill turning slowly in a field of sunflowers", 6, AspectRatio, Resolution, 5m, FrameRate);
        Console.WriteLine($"AiProd scaling bench: batches of {settings.Videos} videos of {settings.DurationSeconds:0.#} s ({size.Width}x{size.Height} at {FrameRate} fps), " +
                          $"every shot {settings.ShotTime.TotalSeconds:0.##} s of wall time (no CPU), 1 shot at a time per render worker process, " +
                          $"workers {string.Join(", ", settings.Workers)}, {settings.Runs} run(s), {Environment.ProcessorCount} core(s), .NET {Environment.Version}");

        var clock = Stopwatch.StartNew();
        await using var emulators = await BenchEmulators.StartAsync(Path.Combine(work, "gcs"));
        Console.WriteLine($"  emulators up in {clock.Elapsed.TotalSeconds:0.0} s: {emulators}");

        clock.Restart();
        var render = new FixedTimeRenderOptions { ShotTime = settings.ShotTime, TemplateFolder = Path.Combine(work, "templates") };
        await ClipTemplates.MakeAsync(render.TemplateFolder, size.Width, size.Height, FrameRate, settings.DurationSeconds + Transitions.MaxOverlapSeconds, cancellationToken);
        Console.WriteLine($"  {ClipTemplates.Variants} clip templates of {settings.DurationSeconds + Transitions.MaxOverlapSeconds:0.#} s made in {clock.Elapsed.TotalSeconds:0.0} s " +
                          "(the local renderer's looks; shots are their first frames, cut by stream copy)");

        clock.Restart();
        await using var memory = await InMemoryPipeline.StartAsync(Path.Combine(work, "in-memory"), render);
        Checked(await memory.RunAsync(requests, BatchTimeout, cancellationToken), "in-memory warm-up");
        Console.WriteLine($"  in-memory pipeline up and warmed with one batch in {clock.Elapsed.TotalSeconds:0.0} s; compositions at x264 {DeliveryPreset}");
        Console.WriteLine("  timings: render phase = first shot started → last shot rendered (workers' logs); step latency = stage entered → left (saga history); " +
                          $"each run starts {settings.Workers[^1]} workers, warms them with one video (not counted), then measures {string.Join(", ", settings.Workers.Reverse())} workers, " +
                          "stopping workers with SIGTERM in between");

        var results = new List<RunResult>();
        for (var run = 1; run <= settings.Runs; run++)
            results.Add(await RunOnceAsync(run, settings, emulators, render, work, requests, warmUp, memory, cancellationToken));
        return results;
    }

    private static async Task<RunResult> RunOnceAsync(
        int run, ScalingSettings settings, BenchEmulators emulators, FixedTimeRenderOptions render, string work,
        IReadOnlyList<VideoRequest> requests, VideoRequest warmUp, InMemoryPipeline memory, CancellationToken cancellationToken)
    {
        var runClock = Stopwatch.StartNew();
        await using var deployment = new ScalingDeployment(emulators, Path.Combine(work, $"run-{run}"), render);
        await deployment.StartAsync(settings.Workers[^1]);
        var startUp = runClock.Elapsed;
        await Task.Delay(IdleSettle, cancellationToken);
        var rss = deployment.Services.ToDictionary(s => s.Name, s => ProcessMemory.ResidentMiB(s.Id), StringComparer.Ordinal);
        Console.WriteLine($"  run {run}: {rss.Count} processes healthy in {startUp.TotalSeconds:0.0} s; idle RSS (MiB) " +
                          string.Join(", ", rss.Select(p => $"{p.Key} {p.Value:0}")));

        var inMemory = Checked(await memory.RunAsync(requests, BatchTimeout, cancellationToken), $"run {run} in memory");
        await Save(Path.Combine(work, $"run-{run}", "batch-in-memory.json"), inMemory, cancellationToken);
        var inMemorySteps = StepLatency.Of(inMemory).ToList();
        Console.WriteLine($"    in memory: planning steps p50 {Stats.Percentile(inMemorySteps.Select(s => s.Milliseconds), 50):0.0} ms, " +
                          $"p95 {Stats.Percentile(inMemorySteps.Select(s => s.Milliseconds), 95):0.0} ms ({inMemorySteps.Count} steps)");

        // Most workers first, all of them warmed by one video; then workers are stopped, so every count runs on warm processes.
        Checked(await deployment.RunAsync([warmUp], BatchTimeout, cancellationToken), $"run {run} warm-up");
        var phases = new List<RenderPhase>();
        var emulatorSteps = new List<(string Stage, double Milliseconds)>();
        foreach (var workers in settings.Workers.Reverse())
        {
            await deployment.ScaleRenderWorkersAsync(workers);
            var batch = Checked(await deployment.RunAsync(requests, BatchTimeout, cancellationToken), $"run {run} with {workers} worker(s)");
            await Save(Path.Combine(work, $"run-{run}", $"batch-{workers}-workers.json"), batch, cancellationToken);
            var phase = RenderPhase.Of(workers, LoggedShot.Read(deployment.RenderWorkers), batch);
            phases.Insert(0, phase);
            var steps = StepLatency.Of(batch).ToList();
            emulatorSteps.AddRange(steps);
            Console.WriteLine($"    {workers} render worker(s): {phase.Shots} shots in {phase.Seconds:0.0} s → {phase.ShotsPerMinute:0.0} shots/min " +
                              $"(per worker {string.Join("/", phase.ShotsPerWorker)}); " +
                              $"planning steps p50 {Stats.Percentile(steps.Select(s => s.Milliseconds), 50):0} ms, p95 {Stats.Percentile(steps.Select(s => s.Milliseconds), 95):0} ms");
        }

        var result = new RunResult(startUp, rss, phases, emulatorSteps, inMemorySteps);
        Console.WriteLine($"    efficiency vs linear: {string.Join(", ", phases.Select(p => $"{p.Workers} → {result.Efficiency(p):0.00}"))} (run took {runClock.Elapsed.TotalSeconds:0} s)");
        return result;
    }

    /// <summary>The batch, if every video completed; a warning when some needed a second pass of a stage (QA sent them back).</summary>
    private static IReadOnlyList<BenchVideo> Checked(IReadOnlyList<BenchVideo> batch, string what)
    {
        var failed = batch.Where(v => v.State != VideoStages.Complete).ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException($"{what}: {failed.Count} of {batch.Count} videos failed, e.g. {failed[0].Id} in {failed[0].Error?.Stage}: {failed[0].Error?.Code} {failed[0].Error?.Message}");
        var reworked = batch.Count(v => v.History.Any(h => h.Attempt > 1));
        if (reworked > 0)
            Console.WriteLine($"    note ({what}): {reworked} of {batch.Count} videos went through a stage twice (QA sent them back); their shots are counted");
        return batch;
    }

    /// <summary>The batch's videos with their stage histories, beside the logs (kept with --keep or on failure).</summary>
    private static async Task Save(string file, IReadOnlyList<BenchVideo> batch, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(file);
        await JsonSerializer.SerializeAsync(stream, batch, JsonSerializerOptions.Web, cancellationToken);
    }

    /// <summary>Kills, by process id, any child still running after every fixture stopped (a service whose start timed out leaves one).</summary>
    private static async Task StopLeftoversAsync()
    {
        var leftovers = ProcessMemory.Children();
        foreach (var pid in leftovers)
            await ProcessGroup.SignalOneAsync(pid, "KILL");
        if (leftovers.Count > 0)
            Console.Error.WriteLine($"killed {leftovers.Count} leftover child process(es): {string.Join(", ", leftovers)}");
    }
}
