using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AiProd.Bench.Scaling;
using AiProd.Contracts;
using AiProd.Orchestration;
using AiProd.Saga.Tests;
using AiProd.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiProd.Bench.Orchestration;

/// <summary>
/// The render fan-in under a race: a video of <c>--shots</c> shots whose render worker holds every <see cref="RenderShot"/>
/// until all have arrived and then publishes every <see cref="ShotRendered"/> at once, so they race on the one saga
/// document. Measured: from the last ShotRendered published to the <see cref="ComposeVideo"/> the fan-in sends (the
/// issue's "finishes its fan-in within 2 s of its last shot"), and whether compose got every clip. Our saga with the
/// in-memory store is the baseline in the same process and run; against it SQLite and the Firestore emulator (started on
/// a free port unless FIRESTORE_EMULATOR_HOST names one; <c>firestore-nocache</c> is the same with the saga's document
/// cache off). Other workers answer at once.
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- fanin [--shots 50] [--videos 5] [--rounds 3] [--stores inmemory,sqlite,firestore,firestore-nocache]
/// </summary>
public static class FanInBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var shots = int.Parse(BenchArgs.Value(args, "--shots", "50"), CultureInfo.InvariantCulture);
        var videos = int.Parse(BenchArgs.Value(args, "--videos", "5"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(BenchArgs.Value(args, "--rounds", "3"), CultureInfo.InvariantCulture);
        var stores = BenchArgs.Value(args, "--stores", "inmemory,sqlite,firestore").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var work = Directory.CreateTempSubdirectory("aiprod-fanin-bench-").FullName;
        FirestoreEmulatorProcess? firestore = null;
        try
        {
            var configurations = new List<(string Name, Dictionary<string, string?> Settings)>();
            foreach (var store in stores)
            {
                switch (store)
                {
                    case "inmemory":
                        configurations.Add(("in-memory store", new() { ["Saga:Store"] = "InMemory" }));
                        break;
                    case "sqlite":
                        configurations.Add(("SQLite", new() { ["Saga:Store"] = "Sqlite", ["Saga:ConnectionString"] = $"Data Source={Path.Combine(work, "fanin.db")}" }));
                        break;
                    case "firestore" or "firestore-nocache":
                        firestore ??= await FirestoreEmulatorProcess.StartAsync(reason => Console.WriteLine($"  Firestore emulator: skipped ({reason})"));
                        if (firestore is not null)
                        {
                            configurations.Add((store == "firestore" ? "Firestore emulator" : "Firestore, no doc cache", new()
                            {
                                ["Saga:Store"] = "Firestore",
                                ["Firestore:ProjectId"] = "aiprod-fanin-bench",
                                ["Firestore:EmulatorHost"] = firestore.Host,
                                ["Firestore:DocumentCacheEntries"] = store == "firestore" ? null : "0",
                            }));
                        }

                        break;
                    default:
                        Console.Error.WriteLine($"--stores: unknown store '{store}' (inmemory, sqlite, firestore, firestore-nocache)");
                        return 2;
                }
            }

            Console.WriteLine($"AiProd fan-in bench: {shots} shots a video rendered at once, {videos} videos one after another, {rounds} rounds; " +
                "fan-in = last ShotRendered published → ComposeVideo received; baseline our saga on the in-memory store");
            var results = configurations.ToDictionary(c => c.Name, _ => new List<FanIn>());
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (name, settings) in configurations)
                {
                    // A collection per round on Firestore, so no round reads another's documents.
                    var roundSettings = new Dictionary<string, string?>(settings) { ["Firestore:Collection"] = $"fanin{round}{Guid.NewGuid():N}"[..14] };
                    var measured = await RunOnceAsync(roundSettings, shots, videos);
                    results[name].AddRange(measured);
                    var lost = measured.Count(m => m.Clips != shots);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  round {round} {name,-20} fan-in p50 {Stats.Percentile(measured.Select(m => m.FanInMs), 50),8:0.0} ms, max {measured.Max(m => m.FanInMs),8:0.0} ms; " +
                        $"race (first → last shot published) {Stats.Median(measured.Select(m => m.RaceMs)),6:0.0} ms{(lost > 0 ? $"; {lost} video(s) composed with shots MISSING" : string.Empty)}"));
                }
            }

            return Report(results, shots);
        }
        finally
        {
            if (firestore is not null)
                await firestore.DisposeAsync();
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A SQLite file still closing; the temp folder is the system's to clean.
            }
        }
    }

    private static async Task<List<FanIn>> RunOnceAsync(Dictionary<string, string?> settings, int shots, int videos)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<Completions>();
        builder.Services.AddSingleton(new FanInRace(shots));
        builder.AddServiceDefaults().AddOrchestrator().ConfigureBus(bus =>
        {
            bus.AddConsumer<FanInCreative, FanInCreativeDefinition>();
            bus.AddConsumer<InstantFinancial, InstantFinancialDefinition>();
            bus.AddConsumer<FanInRender, FanInRenderDefinition>();
            bus.AddConsumer<InstantQa, InstantQaDefinition>();
            bus.AddConsumer<InstantDelivery, InstantDeliveryDefinition>();
            bus.AddConsumer<CompletionProbe>();
        }).AddAiProdBus();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            var completions = host.Services.GetRequiredService<Completions>();
            var race = host.Services.GetRequiredService<FanInRace>();
            var saga = await bus.GetSendEndpoint(RoleEndpoints.SagaAddress);
            var measured = new List<FanIn>();
            // The first video warms up (JIT, endpoints, the store's first writes); it is not counted.
            for (var i = 0; i <= videos; i++)
            {
                var id = NewId.NextGuid();
                var done = completions.For(id);
                await saga.Send(new GenerateVideo(id, Samples.Request()));
                if (!await done.WaitAsync(TimeSpan.FromMinutes(3)))
                    Console.WriteLine($"    video {id} failed");
                if (i > 0 && race.Result(id) is { } fanIn)
                    measured.Add(fanIn);
            }

            return measured;
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stop.Token);
        }
    }

    private static int Report(Dictionary<string, List<FanIn>> results, int shots)
    {
        Console.WriteLine();
        Console.WriteLine($"{"store",-22} {"fan-in p50",11} {"p95",9} {"max",9} {"vs in memory (p50)",19} {"complete",9}");
        var baseline = results.Values.FirstOrDefault() is { Count: > 0 } first ? Stats.Percentile(first.Select(m => m.FanInMs), 50) : double.NaN;
        var failed = 0;
        foreach (var (name, measured) in results)
        {
            if (measured.Count == 0)
            {
                Console.WriteLine($"{name,-22} no video finished");
                failed++;
                continue;
            }

            var p50 = Stats.Percentile(measured.Select(m => m.FanInMs), 50);
            var complete = measured.Count(m => m.Clips == shots);
            failed += measured.Count - complete;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-22} {p50,9:0.0}ms {Stats.Percentile(measured.Select(m => m.FanInMs), 95),7:0.0}ms {measured.Max(m => m.FanInMs),7:0.0}ms {p50 / baseline,18:0.00}x {complete,4}/{measured.Count}"));
        }

        if (results.TryGetValue("Firestore emulator", out var onFirestore) && onFirestore.Count > 0)
        {
            var worst = onFirestore.Max(m => m.FanInMs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target: on the Firestore emulator every fan-in within 2 s of its last shot, none lost → max {worst / 1000:0.00} s {(worst <= 2000 && onFirestore.All(m => m.Clips == shots) ? "ok" : "OVER")}"));
        }

        return failed > 0 ? 1 : 0;
    }
}

/// <summary>One video's fan-in: its time after the last shot, the spread of the race itself, and the clips compose got.</summary>
internal sealed record FanIn(double FanInMs, double RaceMs, int Clips);

/// <summary>
/// Holds each video's <see cref="RenderShot"/>s until all of them arrived, then publishes every ShotRendered at once;
/// records when the last one was published and when ComposeVideo arrived.
/// </summary>
internal sealed class FanInRace(int shots)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentBag<RenderShot>> _held = new();
    private readonly ConcurrentDictionary<Guid, (long First, long Last)> _published = new();
    private readonly ConcurrentDictionary<Guid, FanIn> _results = new();

    public int Shots => shots;

    public async Task HoldAsync(RenderShot command, IPublishEndpoint publish)
    {
        var held = _held.GetOrAdd(command.VideoId, _ => []);
        held.Add(command);
        if (held.Count != shots || !_held.TryRemove(command.VideoId, out _))
            return;

        var first = Stopwatch.GetTimestamp();
        await Task.WhenAll(held.Select(c => publish.Publish(new ShotRendered(c.VideoId, c.Attempt, Samples.Rendered(c.Shot, c.Attempt)))));
        _published[command.VideoId] = (first, Stopwatch.GetTimestamp());
    }

    public void Composed(ComposeVideo command)
    {
        var arrived = Stopwatch.GetTimestamp();
        // The last publish may return after the saga already composed: then the fan-in took no time after it.
        if (_published.TryGetValue(command.VideoId, out var race))
            _results[command.VideoId] = new(Math.Max(0, Stopwatch.GetElapsedTime(race.Last, arrived).TotalMilliseconds), Stopwatch.GetElapsedTime(race.First, race.Last).TotalMilliseconds, command.Clips.Count);
        else
            _results[command.VideoId] = new(0, 0, command.Clips.Count);
    }

    public FanIn? Result(Guid videoId) => _results.TryGetValue(videoId, out var fanIn) ? fanIn : null;
}

/// <summary>The instant creative worker with a plan of <see cref="FanInRace.Shots"/> shots.</summary>
internal sealed class FanInCreative(FanInRace race) : IConsumer<SanitizeInput>, IConsumer<AnalyzeRequest>, IConsumer<DirectCreative>, IConsumer<TranslateVisuals>
{
    private readonly InstantCreative _instant = new();

    public Task Consume(ConsumeContext<SanitizeInput> context) => _instant.Consume(context);

    public Task Consume(ConsumeContext<AnalyzeRequest> context) => _instant.Consume(context);

    public Task Consume(ConsumeContext<DirectCreative> context) => _instant.Consume(context);

    public Task Consume(ConsumeContext<TranslateVisuals> context) =>
        context.Publish(new VisualsTranslated(context.Message.VideoId, context.Message.Attempt, Samples.Shots(context.Message.Direction.Attempt, race.Shots)));
}

internal sealed class FanInRender(FanInRace race, IBus bus) : IConsumer<RenderShot>, IConsumer<ComposeVideo>
{
    private readonly InstantRender _instant = new();

    // Published on the bus, not the consume context: the last shot's consumer publishes every shot's result at once.
    public Task Consume(ConsumeContext<RenderShot> context) => race.HoldAsync(context.Message, bus);

    public Task Consume(ConsumeContext<ComposeVideo> context)
    {
        race.Composed(context.Message);
        return _instant.Consume(context);
    }
}

internal sealed class FanInCreativeDefinition() : InstantDefinition<FanInCreative>(RoleEndpoints.Creative);

internal sealed class FanInRenderDefinition : InstantDefinition<FanInRender>
{
    // Every shot of a video is held at once: the endpoint must take them all in without waiting.
    public FanInRenderDefinition()
        : base(RoleEndpoints.Render) => ConcurrentMessageLimit = 256;
}
