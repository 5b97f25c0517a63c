using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using AiProd.Transport.PubSub;
using AiProd.Transport.PubSub.Transport;
using AiProd.Transport.PubSub.V1;
using Google.Protobuf;
using Grpc.Core;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Bench;

/// <summary>
/// Throughput of the Pub/Sub transport (publish → consume → ack through a MassTransit bus) against the baseline of the
/// same number of messages through raw gRPC Publish / StreamingPull / Acknowledge calls, both against the same emulator
/// in this process, several times, interleaved, each run on fresh topics; prints medians and their ratio.
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- pubsub [--messages 5000] [--runs 3] [--payload 256]
/// [--emulator host:port] (default PUBSUB_EMULATOR_HOST, else an emulator started here on a free port)
/// [--streams 1] (StreamingPulls per subscription, both sides) [--raw-streams N] (the baseline's alone) [--warmup 2].
/// </summary>
public static class PubSubBench
{
    private const string ProjectId = "aiprod-bench";

    /// <summary>The transport's defaults, which the baseline copies: messages a publish call (100), calls in flight per topic (4).</summary>
    private static readonly PubSubTransportOptions Defaults = new();
    private static readonly int BatchSize = Defaults.BatchMaxMessages;
    private static readonly int ConcurrentBatches = Defaults.MaxConcurrentBatches;

    /// <summary>Bench endpoint settings: messages leased at once (flow control) and consumed at once.</summary>
    private const int Prefetch = 1000;
    private const int ConcurrentMessageLimit = 64;

    /// <summary>Publishes awaited together, so the batcher always has full batches to make.</summary>
    private const int PublishChunk = 1000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = int.Parse(BenchArgs.Value(args, "--messages", "5000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(BenchArgs.Value(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var payload = int.Parse(BenchArgs.Value(args, "--payload", "256"), CultureInfo.InvariantCulture);
        var warmups = int.Parse(BenchArgs.Value(args, "--warmup", "2"), CultureInfo.InvariantCulture);
        var streams = int.Parse(BenchArgs.Value(args, "--streams", "1"), CultureInfo.InvariantCulture);
        var rawStreams = int.Parse(BenchArgs.Value(args, "--raw-streams", streams.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var emulator = BenchArgs.Value(args, "--emulator", Environment.GetEnvironmentVariable("PUBSUB_EMULATOR_HOST") ?? string.Empty);

        await using var ownEmulator = string.IsNullOrWhiteSpace(emulator) ? await EmulatorProcess.StartAsync() : null;
        var host = ownEmulator?.Host ?? emulator;
        var body = Body(payload);
        var bodyBytes = JsonSerializer.SerializeToUtf8Bytes(new PubSubBenchMessage(messages, body), JsonSerializerOptions.Web).Length;

        Console.WriteLine($"AiProd Pub/Sub bench: {messages:N0} messages of ~{bodyBytes} B JSON, {runs} run(s) each after {warmups} warm-up round(s), " +
                          $"{Environment.ProcessorCount} core(s), .NET {Environment.Version}");
        Console.WriteLine($"  emulator {host} ({(ownEmulator is null ? "given" : $"started here: {EmulatorProcess.Version()}")}); " +
                          "it is one Java process on this machine: absolute rates say little about the real service, the ratio is the point");
        Console.WriteLine($"  raw gRPC: Publish {BatchSize} a call, {ConcurrentBatches} calls in flight; {rawStreams} StreamingPull(s) " +
                          $"(max outstanding {Prefetch} each), every body deserialized; acks by unary Acknowledge, one call at a time with every id received meanwhile; " +
                          $"publishes handed over {PublishChunk} at a time");
        Console.WriteLine($"  transport: one consumer, {streams} StreamingPull(s) a subscription, ConcurrentMessageLimit {ConcurrentMessageLimit}, PrefetchCount {Prefetch}, " +
                          $"batches of {BatchSize} (BatchDelay {Defaults.BatchDelay.TotalMilliseconds:0} ms, {ConcurrentBatches} in flight), no ordering key, " +
                          $"publishes awaited {PublishChunk} at a time");
        Console.WriteLine("  times run from the first publish to the last ack the emulator confirmed (transport: also to the last consume); " +
                          "the emulator paces each StreamingPull, so both sides can sit at its ceiling (--streams 2 shows it)");

        for (var i = 0; i < warmups; i++)
        {
            await Raw(host, messages, body, rawStreams);
            await Transport(host, messages, body, streams);
        }

        var settled = await SettleAsync();
        Console.WriteLine($"  warm-up done ({warmups} round(s) of both, not counted; then {settled.TotalSeconds:0.0} s idle until the JIT's background recompiles stopped)");

        var raw = new List<double>();
        var transport = new List<double>();
        var rawPublish = new List<double>();
        var transportPublish = new List<double>();
        var rawCpu = new List<double>();
        var transportCpu = new List<double>();
        var rawBytes = new List<double>();
        var transportBytes = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var r = await Raw(host, messages, body, rawStreams);
            var t = await Transport(host, messages, body, streams);
            raw.Add(r.Rate);
            transport.Add(t.Rate);
            rawPublish.Add(messages / r.PublishedSeconds);
            transportPublish.Add(messages / t.PublishedSeconds);
            rawCpu.Add(r.CpuMicroseconds);
            transportCpu.Add(t.CpuMicroseconds);
            rawBytes.Add(r.AllocatedBytes);
            transportBytes.Add(t.AllocatedBytes);
            Console.WriteLine($"  run {i + 1}: raw gRPC {r.Rate:N0} msg/s ({r.Seconds:0.00} s, all published at {r.PublishedSeconds:0.00} s, " +
                              $"{r.CpuMicroseconds:0} µs CPU/msg, {r.AllocatedBytes / 1024:0.0} KB/msg) · transport {t.Rate:N0} msg/s ({t.Seconds:0.00} s, all published at " +
                              $"{t.PublishedSeconds:0.00} s, last consume at {t.ConsumedSeconds:0.00} s, {t.CpuMicroseconds:0} µs CPU/msg, {t.AllocatedBytes / 1024:0.0} KB/msg)");
        }

        var (rawMedian, transportMedian) = (Median(raw), Median(transport));
        var (rawPublishMedian, transportPublishMedian) = (Median(rawPublish), Median(transportPublish));
        Console.WriteLine($"publish phase alone (first publish to last publish confirmed, consumers running): raw gRPC {rawPublishMedian:N0} msg/s · " +
                          $"transport {transportPublishMedian:N0} msg/s · ratio {transportPublishMedian / rawPublishMedian:0.00}");
        Console.WriteLine($"bench process CPU per message (publish + consume + ack, median): raw gRPC {Median(rawCpu):0} µs · " +
                          $"transport {Median(transportCpu):0} µs · {Median(transportCpu) / Median(rawCpu):0.0}x");
        Console.WriteLine($"bench process allocations per message (publish + consume + ack, median): raw gRPC {Median(rawBytes) / 1024:0.0} KB · " +
                          $"transport {Median(transportBytes) / 1024:0.0} KB · {Median(transportBytes) / Median(rawBytes):0.0}x");
        Console.WriteLine($"raw gRPC: {rawMedian:N0} msg/s (median of {runs}) · transport: {transportMedian:N0} msg/s · ratio {transportMedian / rawMedian:0.00}");
        return 0;
    }

    /// <summary>Raw gRPC: topic and subscription, StreamingPulls that hand ack ids to one acker, then the publishes.</summary>
    private static async Task<Result> Raw(string host, int messages, string body, int rawStreams)
    {
        await using var client = new PubSubClient(Options(host, Prefix()));
        var topic = client.TopicPath(client.Options.NamePrefix + "raw");
        var subscription = client.SubscriptionPath(client.Options.NamePrefix + "raw");
        await client.Publisher.CreateTopicAsync(new Topic { Name = topic });
        await client.Subscriber.CreateSubscriptionAsync(new Subscription { Name = subscription, Topic = topic, AckDeadlineSeconds = 60 });

        using var timeout = new CancellationTokenSource(RunTimeout);
        var ackIds = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var streams = new List<AsyncDuplexStreamingCall<StreamingPullRequest, StreamingPullResponse>>();
        var readers = new List<Task>();
        for (var k = 0; k < rawStreams; k++)
        {
            var stream = client.Subscriber.StreamingPull(cancellationToken: timeout.Token);
            streams.Add(stream);
            await stream.RequestStream.WriteAsync(new StreamingPullRequest
            {
                Subscription = subscription,
                StreamAckDeadlineSeconds = 60,
                ClientId = Guid.NewGuid().ToString("N"),
                MaxOutstandingMessages = Prefetch,
                MaxOutstandingBytes = 100_000_000,
            }, timeout.Token);
            readers.Add(Task.Run(async () =>
            {
                try
                {
                    while (await stream.ResponseStream.MoveNext(timeout.Token))
                    {
                        foreach (var received in stream.ResponseStream.Current.ReceivedMessages)
                        {
                            // Read as the transport's consumer gets it: the typed message, deserialized from the JSON body.
                            if (JsonSerializer.Deserialize<PubSubBenchMessage>(received.Message.Data.Span, JsonSerializerOptions.Web) is null)
                                throw new InvalidOperationException("An empty bench message.");
                            ackIds.Writer.TryWrite(received.AckId);
                        }
                    }
                }
                catch (Exception e) when (e is OperationCanceledException || e is RpcException { StatusCode: StatusCode.Cancelled })
                {
                    // The run is over: the streams are closed by cancelling them.
                }
            }));
        }

        var acking = Task.Run(async () =>
        {
            var acked = 0;
            var ids = new List<string>(1000);
            while (acked < messages && await ackIds.Reader.WaitToReadAsync(timeout.Token))
            {
                ids.Clear();
                while (ids.Count < 1000 && ackIds.Reader.TryRead(out var id))
                    ids.Add(id);
                var request = new AcknowledgeRequest { Subscription = subscription };
                request.AckIds.AddRange(ids);
                await client.Subscriber.AcknowledgeAsync(request, cancellationToken: timeout.Token);
                acked += ids.Count;
            }
        });

        var cpu = Cpu();
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        using var inFlight = new SemaphoreSlim(ConcurrentBatches);
        for (var start = 0; start < messages; start += PublishChunk)
        {
            // The same shape as the transport's side: PublishChunk messages handed over, then awaited, then the next.
            var end = Math.Min(messages, start + PublishChunk);
            await Task.WhenAll(Enumerable.Range(start, end - start).Chunk(BatchSize).Select(async batch =>
            {
                await inFlight.WaitAsync(timeout.Token);
                try
                {
                    var request = new PublishRequest { Topic = topic };
                    // Serialized here, inside the timed part, as the transport serializes when it publishes.
                    request.Messages.AddRange(batch.Select(i => new PubsubMessage
                    {
                        Data = ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(new PubSubBenchMessage(i, body), JsonSerializerOptions.Web)),
                    }));
                    await client.Publisher.PublishAsync(request, cancellationToken: timeout.Token);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        var published = clock.Elapsed.TotalSeconds;
        await acking;
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuPerMessage = (Cpu() - cpu).TotalMicroseconds / messages;
        var bytesPerMessage = (double)(GC.GetTotalAllocatedBytes() - allocated) / messages;

        await timeout.CancelAsync();
        await Task.WhenAll(readers);
        foreach (var stream in streams)
            stream.Dispose();
        await client.Subscriber.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Subscription = subscription });
        await client.Publisher.DeleteTopicAsync(new DeleteTopicRequest { Topic = topic });
        return new Result(messages / seconds, seconds, published, seconds, cpuPerMessage, bytesPerMessage);
    }

    /// <summary>The transport: a bus with one consumer endpoint on a fresh prefix; publishes in chunks, waits for every ack.</summary>
    private static async Task<Result> Transport(string host, int messages, string body, int streams)
    {
        var counter = new BenchCounter(messages);
        var services = new ServiceCollection();
        services.AddSingleton(counter);
        services.AddLogging(b => b.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddMassTransit(x =>
        {
            x.AddConsumer<PubSubBenchConsumer>().Endpoint(e =>
            {
                e.Name = "bench";
                e.PrefetchCount = Prefetch;
                e.ConcurrentMessageLimit = ConcurrentMessageLimit;
            });
            x.UsingGooglePubSub((context, cfg) =>
            {
                var options = Options(host, Prefix());
                cfg.Host(ProjectId, o =>
                {
                    o.EmulatorHost = options.EmulatorHost;
                    o.NamePrefix = options.NamePrefix;
                    o.OrderByCorrelationId = false;
                    o.StreamsPerSubscription = streams;
                });
                cfg.ConfigureEndpoints(context);
            });
        });

        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        // PostReceive runs after MassTransit awaited the receive lock's Complete, i.e. after the Acknowledge call returned.
        bus.ConnectReceiveObserver(counter);
        using var timeout = new CancellationTokenSource(RunTimeout);
        await bus.StartAsync(timeout.Token);
        try
        {
            var cpu = Cpu();
            var allocated = GC.GetTotalAllocatedBytes();
            var clock = Stopwatch.StartNew();
            counter.Start(clock);
            for (var start = 0; start < messages; start += PublishChunk)
            {
                var end = Math.Min(messages, start + PublishChunk);
                await Task.WhenAll(Enumerable.Range(start, end - start).Select(i => bus.Publish(new PubSubBenchMessage(i, body), timeout.Token)));
            }

            var published = clock.Elapsed.TotalSeconds;
            await counter.Consumed.Task.WaitAsync(timeout.Token);
            await counter.Acked.Task.WaitAsync(timeout.Token);
            var cpuPerMessage = (Cpu() - cpu).TotalMicroseconds / messages;
            var bytesPerMessage = (double)(GC.GetTotalAllocatedBytes() - allocated) / messages;
            return new Result(messages / counter.AckedSeconds, counter.AckedSeconds, published, counter.ConsumedSeconds, cpuPerMessage, bytesPerMessage);
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await bus.StopAsync(stop.Token);
        }
    }

    private static PubSubTransportOptions Options(string host, string prefix) =>
        new() { ProjectId = ProjectId, EmulatorHost = host, NamePrefix = prefix };

    private static string Prefix() => $"b{Guid.NewGuid():N}"[..9] + ".";

    /// <summary>A body string that makes the message's JSON about <paramref name="payload"/> bytes.</summary>
    private static string Body(int payload)
    {
        var overhead = JsonSerializer.SerializeToUtf8Bytes(new PubSubBenchMessage(0, string.Empty), JsonSerializerOptions.Web).Length + 3;
        return new string('x', Math.Max(0, payload - overhead));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>
    /// Waits until this process is idle (under 5% of one core for half a second, at most 30 s): after the warm-up the
    /// JIT keeps recompiling hot code at tier 1 in the background for seconds, which would count as run 1's CPU.
    /// </summary>
    private static async Task<TimeSpan> SettleAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var before = Cpu();
            await Task.Delay(500);
            if ((Cpu() - before).TotalMilliseconds < 25)
                break;
        }

        return clock.Elapsed;
    }

    /// <summary>This process's CPU time (all threads), so the client side's cost shows apart from the emulator's and other load.</summary>
    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// End-to-end rate; seconds to the last ack, to the last publish confirmed, to the last consume; this process's CPU
    /// per message, and the bytes it allocated per message (all threads: publish, receive and ack; unlike CPU time it
    /// hardly moves with the machine's load).
    /// </summary>
    private sealed record Result(double Rate, double Seconds, double PublishedSeconds, double ConsumedSeconds, double CpuMicroseconds, double AllocatedBytes);

    /// <summary>Counts consumed and acknowledged messages and notes when the last of each came.</summary>
    private sealed class BenchCounter(int target) : IReceiveObserver
    {
        private Stopwatch _clock = new();
        private int _consumed;
        private int _acked;

        public TaskCompletionSource Consumed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Acked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public double ConsumedSeconds { get; private set; }

        public double AckedSeconds { get; private set; }

        public void Start(Stopwatch clock) => _clock = clock;

        public void OnConsumed()
        {
            if (Interlocked.Increment(ref _consumed) == target)
            {
                ConsumedSeconds = _clock.Elapsed.TotalSeconds;
                Consumed.TrySetResult();
            }
        }

        public Task PostReceive(ReceiveContext context)
        {
            if (Interlocked.Increment(ref _acked) == target)
            {
                AckedSeconds = _clock.Elapsed.TotalSeconds;
                Acked.TrySetResult();
            }

            return Task.CompletedTask;
        }

        public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

        public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
    }

    private sealed class PubSubBenchConsumer(BenchCounter counter) : IConsumer<PubSubBenchMessage>
    {
        public Task Consume(ConsumeContext<PubSubBenchMessage> context)
        {
            counter.OnConsumed();
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// The emulator started here: its own launcher under setsid on a free loopback port, killed as a process group.
    /// </summary>
    private sealed class EmulatorProcess : IAsyncDisposable
    {
        private const string SdkRoot = "/usr/lib/google-cloud-sdk";
        private readonly Process _process;

        private EmulatorProcess(Process process, string host)
        {
            _process = process;
            Host = host;
        }

        public string Host { get; }

        public static async Task<EmulatorProcess> StartAsync()
        {
            var launcher = Path.Combine(SdkRoot, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator");
            if (!File.Exists(launcher))
                throw new InvalidOperationException($"No Pub/Sub emulator at {launcher}: install it, or pass --emulator host:port / set PUBSUB_EMULATOR_HOST.");
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var start = new ProcessStartInfo("setsid", [launcher, "--host=127.0.0.1", $"--port={port}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Pub/Sub emulator.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var emulator = new EmulatorProcess(process, $"127.0.0.1:{port}");
            try
            {
                await emulator.WaitUntilReady(TimeSpan.FromSeconds(60));
                return emulator;
            }
            catch
            {
                await emulator.DisposeAsync();
                throw;
            }
        }

        /// <summary>The installed emulator's version, from the SDK's component snapshot.</summary>
        public static string Version()
        {
            var snapshot = Path.Combine(SdkRoot, ".install", "pubsub-emulator.snapshot.json");
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(snapshot));
                var component = json.RootElement.GetProperty("components").EnumerateArray()
                    .First(c => c.GetProperty("id").GetString() == "pubsub-emulator");
                return $"pubsub-emulator {component.GetProperty("version").GetProperty("version_string").GetString()}";
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return "pubsub-emulator, version unknown";
            }
        }

        public async ValueTask DisposeAsync()
        {
            using (var kill = Process.Start("kill", ["-KILL", "--", $"-{_process.Id}"]))
                await kill.WaitForExitAsync();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        private async Task WaitUntilReady(TimeSpan timeout)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                try
                {
                    if ((await http.GetAsync(new Uri($"http://{Host}/"))).StatusCode == HttpStatusCode.OK)
                        return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }

                if (_process.HasExited)
                    throw new InvalidOperationException($"The Pub/Sub emulator exited with code {_process.ExitCode} before answering on {Host}.");
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"The Pub/Sub emulator did not answer on {Host} within {timeout.TotalSeconds} s.");
                await Task.Delay(200);
            }
        }
    }
}

/// <summary>The bench's message: a sequence number and a filler body.</summary>
public sealed record PubSubBenchMessage(int Sequence, string Body);
