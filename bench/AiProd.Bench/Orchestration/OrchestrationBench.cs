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
/// The orchestration's own cost. Every worker answers at once (<see cref="InstantCreative"/> and the others), so what is
/// measured is the saga and the bus. Baseline, in this process and run: <see cref="PlainVideoMachine"/>, a plain
/// MassTransit state machine doing the same transitions on MassTransit's in-memory transport and repository. Against it:
/// our video saga on the in-memory bus with the in-memory store and with SQLite, and (unless <c>--emulator off</c>) on
/// our Pub/Sub transport against the emulator with SQLite. Each round runs every configuration once, in turn: a burst
/// of <c>--videos</c> at once (transitions per second: every event the saga consumes, 13 a video), then
/// <c>--sequential</c> videos one after another (per-step latency: a video's end-to-end time over its 13 transitions).
/// Before the rounds, <c>--warmup</c> rounds (1) run every configuration once uncounted, so the rounds measure code the
/// JIT has finished tiering up (a burst of new code holds back tier-1 compilation, and ours has more of it than the
/// plain machine). Medians of the rounds, and of each round's own ratio; the issue's target is ours ≥ 70 % of the plain
/// machine's transitions per second.
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- orchestration [--videos 200] [--sequential 20] [--rounds 3] [--warmup 1] [--emulator on|off] [--sqlite on|off] [--only "ours, in memory"]
/// </summary>
public static class OrchestrationBench
{
    /// <summary>The baseline that also publishes the public events, as any implementation of the contract must.</summary>
    private const string PlainWithEvents = "plain + VideoStateChanged";

    /// <summary>Shots of each video's plan (the instant creative worker's translation).</summary>
    public const int ShotsPerVideo = 3;

    /// <summary>Events a saga consumes for one video: the start, five planning steps, one per shot, compose, two QA steps, finalize.</summary>
    public const int TransitionsPerVideo = 1 + 5 + ShotsPerVideo + 1 + 2 + 1;

    public static async Task<int> RunAsync(string[] args)
    {
        var videos = int.Parse(BenchArgs.Value(args, "--videos", "200"), CultureInfo.InvariantCulture);
        var sequential = int.Parse(BenchArgs.Value(args, "--sequential", "20"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(BenchArgs.Value(args, "--rounds", "3"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(BenchArgs.Value(args, "--warmup", "1"), CultureInfo.InvariantCulture);
        var useEmulator = BenchArgs.Value(args, "--emulator", "on") != "off";
        var useSqlite = BenchArgs.Value(args, "--sqlite", "on") != "off";
        var work = Directory.CreateTempSubdirectory("aiprod-orchestration-bench-").FullName;
        PubSubEmulatorProcess? emulator = null;
        try
        {
            if (useEmulator)
            {
                emulator = await PubSubEmulatorProcess.StartAsync(reason => Console.WriteLine($"  Pub/Sub emulator: skipped ({reason})"));
            }

            var configurations = new List<Configuration>
            {
                new("plain MassTransit", null),
                new(PlainWithEvents, null, PlainEvents: true),
                new("ours, in memory", new() { ["Saga:Store"] = "InMemory" }),
                new("ours, in memory, traces recorded", new() { ["Saga:Store"] = "InMemory", ["Telemetry:RecordTraces"] = "true" }),
            };
            if (useSqlite)
            {
                configurations.Add(new("ours, SQLite", new() { ["Saga:Store"] = "Sqlite", ["Saga:ConnectionString"] = $"Data Source={Path.Combine(work, "saga.db")}" }));
                configurations.Add(new("ours, SQLite, drop written alone", new()
                {
                    ["Saga:Store"] = "Sqlite",
                    ["Saga:ConnectionString"] = $"Data Source={Path.Combine(work, "saga-drop.db")}",
                    ["Pipeline:OutboxDropDelay"] = "00:00:00",
                }));
            }

            if (emulator is not null)
            {
                configurations.Add(new("ours, Pub/Sub emulator + SQLite", new()
                {
                    ["Bus:Transport"] = "PubSub",
                    ["PubSub:ProjectId"] = "aiprod-orchestration-bench",
                    ["PubSub:EmulatorHost"] = emulator.Host,
                    ["Saga:Store"] = "Sqlite",
                    ["Saga:ConnectionString"] = $"Data Source={Path.Combine(work, "saga-pubsub.db")}",
                }));
            }

            // --only NAME[;NAME]: just these rows (and the plain machine, which every ratio needs), e.g. to profile one.
            var only = BenchArgs.Value(args, "--only", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (only.Length > 0)
                configurations.RemoveAll(c => c.Name != "plain MassTransit" && !only.Contains(c.Name, StringComparer.OrdinalIgnoreCase));

            Console.WriteLine($"AiProd orchestration bench: instant workers, {ShotsPerVideo} shots a video ({TransitionsPerVideo} transitions), " +
                $"a burst of {videos} videos then {sequential} one at a time, {warmup} warm-up and {rounds} measured rounds; baseline a plain MassTransit state machine in this process");
            var results = configurations.ToDictionary(c => c.Name, _ => new List<RoundResult>());
            for (var round = 1 - warmup; round <= rounds; round++)
            {
                foreach (var configuration in configurations)
                {
                    // Pub/Sub names per round, so no round reads another's leftovers.
                    var settings = configuration.Settings is null ? null : new Dictionary<string, string?>(configuration.Settings) { ["PubSub:NamePrefix"] = $"o{round}{Guid.NewGuid():N}"[..12] + "." };
                    var result = await RunOnceAsync(settings, configuration.PlainEvents, videos, sequential);
                    if (round >= 1)
                        results[configuration.Name].Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {(round >= 1 ? $"round {round}" : "warm-up"),-8} {configuration.Name,-32} {result.TransitionsPerSecond,8:0} transitions/s, {result.CpuMicroseconds,5:0} µs CPU each, step p50 {Stats.Percentile(result.StepMilliseconds, 50):0.00} ms{(result.Failed > 0 ? $", {result.Failed} FAILED" : string.Empty)}"));
                }
            }

            Report(results);
            return results.Values.SelectMany(r => r).Any(r => r.Failed > 0) ? 1 : 0;
        }
        finally
        {
            if (emulator is not null)
                await emulator.DisposeAsync();
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

    private static async Task<RoundResult> RunOnceAsync(Dictionary<string, string?>? ours, bool plainEvents, int videos, int sequential)
    {
        using var host = ours is null ? BuildPlain(plainEvents) : BuildOurs(ours);
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            var completions = host.Services.GetRequiredService<Completions>();
            var target = await bus.GetSendEndpoint(ours is null ? new Uri($"queue:{PlainVideoMachine.Endpoint}") : RoleEndpoints.SagaAddress);
            var failed = 0;

            async Task<bool> One(CancellationToken cancellationToken)
            {
                var id = NewId.NextGuid();
                var done = completions.For(id);
                await target.Send(new GenerateVideo(id, Samples.Request()), cancellationToken);
                return await done.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            }

            // Warm-up: JIT, endpoints, topics.
            for (var i = 0; i < 5; i++)
                await One(CancellationToken.None);

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var burst = await Task.WhenAll(Enumerable.Range(0, videos).Select(_ => One(CancellationToken.None)));
            var burstTime = clock.Elapsed;
            var cpuMicroseconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / (videos * TransitionsPerVideo);
            failed += burst.Count(ok => !ok);

            var steps = new List<double>();
            for (var i = 0; i < sequential; i++)
            {
                clock.Restart();
                if (!await One(CancellationToken.None))
                    failed++;
                steps.Add(clock.Elapsed.TotalMilliseconds / TransitionsPerVideo);
            }

            return new RoundResult(videos * TransitionsPerVideo / burstTime.TotalSeconds, cpuMicroseconds, steps, failed);
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stop.Token);
        }
    }

    private static IHost BuildPlain(bool withEvents)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<Completions>();
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            if (withEvents)
                x.AddSagaStateMachine<PlainVideoMachineWithEvents, PlainVideoState>().InMemoryRepository().Endpoint(e => e.Name = PlainVideoMachine.Endpoint);
            else
                x.AddSagaStateMachine<PlainVideoMachine, PlainVideoState>().InMemoryRepository().Endpoint(e => e.Name = PlainVideoMachine.Endpoint);
            AddInstantWorkers(x);
            x.UsingInMemory((context, bus) => bus.ConfigureEndpoints(context));
        });
        return builder.Build();
    }

    private static IHost BuildOurs(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<Completions>();
        builder.AddServiceDefaults().AddOrchestrator().ConfigureBus(AddInstantWorkers).AddAiProdBus();
        return builder.Build();
    }

    private static void AddInstantWorkers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<InstantCreative, InstantCreativeDefinition>();
        bus.AddConsumer<InstantFinancial, InstantFinancialDefinition>();
        bus.AddConsumer<InstantRender, InstantRenderDefinition>();
        bus.AddConsumer<InstantQa, InstantQaDefinition>();
        bus.AddConsumer<InstantDelivery, InstantDeliveryDefinition>();
        bus.AddConsumer<CompletionProbe>();
    }

    private static void Report(Dictionary<string, List<RoundResult>> results)
    {
        var plain = Stats.Median(results.First().Value.Select(r => r.TransitionsPerSecond));
        var plainStep = Stats.Median(results.First().Value.Select(r => Stats.Percentile(r.StepMilliseconds, 50)));
        var plainCpu = Stats.Median(results.First().Value.Select(r => r.CpuMicroseconds));
        Console.WriteLine();
        Console.WriteLine($"{"configuration",-34} {"transitions/s",13} {"vs plain",9} {"CPU each",9} {"vs plain",9} {"step p50",9} {"step p95",9} {"step p50 - plain",17}");
        foreach (var (name, rounds) in results)
        {
            var rate = Stats.Median(rounds.Select(r => r.TransitionsPerSecond));
            var p50 = Stats.Median(rounds.Select(r => Stats.Percentile(r.StepMilliseconds, 50)));
            var p95 = Stats.Median(rounds.Select(r => Stats.Percentile(r.StepMilliseconds, 95)));
            var cpu = Stats.Median(rounds.Select(r => r.CpuMicroseconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-34} {rate,13:0} {rate / plain,8:0.00}x {cpu,7:0}µs {cpu / plainCpu,8:0.00}x {p50,7:0.00}ms {p95,7:0.00}ms {p50 - plainStep,15:0.00}ms"));
        }

        if (!results.TryGetValue("ours, in memory", out var inMemoryRounds))
            return;
        var inMemory = Stats.Median(inMemoryRounds.Select(r => r.TransitionsPerSecond));
        foreach (var baselineName in new[] { results.First().Key, PlainWithEvents }.Where(results.ContainsKey))
        {
            var baseline = results[baselineName];
            var rate = Stats.Median(baseline.Select(r => r.TransitionsPerSecond));
            // Each round's own ratio: the two ran back to back, so a load that changes between rounds moves both.
            var paired = Stats.Median(inMemoryRounds.Zip(baseline, (ours, b) => ours.TransitionsPerSecond / b.TransitionsPerSecond));
            var cpu = Stats.Median(inMemoryRounds.Zip(baseline, (ours, b) => ours.CpuMicroseconds / b.CpuMicroseconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target: ours in memory ≥ 0.70 of {baselineName} → {inMemory / rate:0.00} {(inMemory / rate >= 0.70 ? "ok" : "UNDER")} (median of the rounds' own ratios {paired:0.00}; CPU a transition {cpu:0.00}x)"));
        }
    }

    private sealed record Configuration(string Name, Dictionary<string, string?>? Settings, bool PlainEvents = false);

    /// <summary>One configuration's round: the burst's rate and CPU time a transition (the process's CPU time during the
    /// burst over its transitions, which moves less with other work on the machine than the rate), the sequential steps.</summary>
    private sealed record RoundResult(double TransitionsPerSecond, double CpuMicroseconds, List<double> StepMilliseconds, int Failed);
}
