using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using AiProd.Bench.Scaling;
using AiProd.Contracts;
using AiProd.Embedded;
using AiProd.Orchestration;
using AiProd.Saga;
using AiProd.SagaStore;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.Saga;
using AiProd.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiProd.Bench.Store;

/// <summary>
/// Reads as history grows: a real gateway process over a store holding 1,000 and then 10,000 completed videos (copies of
/// one video the embedded pipeline really made, so each document has its real size and shape), on SQLite and on the
/// Firestore emulator. Measured over HTTP with a few concurrent clients: the first page of <c>GET /v1/videos?pageSize=100</c>,
/// a deep page (a page token from further down), and <c>GET /v1/videos/{id}</c> of random videos; the baseline, in this
/// process and run, is the same read straight on the store (<see cref="ISagaQueries{TSaga}"/>: a page of the summaries the
/// store keeps, and for comparison the same page as whole documents, which is how lists were read before). Prints p50/p95/p99,
/// the HTTP/store ratio, the 10,000/1,000 ratio (flat is 1) and the issue's targets (list p95 ≤ 50 ms, get p95 ≤ 10 ms).
/// Usage: dotnet run -c Release --project bench/AiProd.Bench -- store [--videos 10000] [--requests 300] [--concurrency 4]
/// [--stores sqlite,firestore]
/// </summary>
public static class StoreBench
{
    private const int PageSize = 100;
    private const int Owners = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var videos = int.Parse(BenchArgs.Value(args, "--videos", "10000"), CultureInfo.InvariantCulture);
        var requests = int.Parse(BenchArgs.Value(args, "--requests", "300"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(BenchArgs.Value(args, "--concurrency", "4"), CultureInfo.InvariantCulture);
        var stores = BenchArgs.Value(args, "--stores", "sqlite,firestore").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scales = new[] { Math.Min(1000, videos), videos }.Distinct().ToArray();
        var work = Directory.CreateTempSubdirectory("aiprod-store-bench-").FullName;
        try
        {
            var template = await MakeTemplateAsync(work);
            var size = JsonSerializer.SerializeToUtf8Bytes(template, Json).Length;
            Console.WriteLine($"AiProd store bench: {string.Join(" then ", scales)} stored videos (copies of one real {size / 1024.0:0.0} KiB document, {Owners} owners), " +
                $"{requests} requests per read at concurrency {concurrency}; HTTP through a gateway process, baseline the same read on the store in this process");
            var results = new List<Measurement>();
            foreach (var store in stores)
            {
                FirestoreEmulatorProcess? firestore = null;
                if (store == "firestore")
                {
                    string? whyNot = null;
                    firestore = await FirestoreEmulatorProcess.StartAsync(reason => whyNot = reason);
                    if (firestore is null)
                    {
                        Console.WriteLine($"  firestore: skipped ({whyNot})");
                        continue;
                    }
                }

                try
                {
                    results.AddRange(await MeasureStoreAsync(store, firestore?.Host, work, template, scales, requests, concurrency));
                }
                finally
                {
                    if (firestore is not null)
                        await firestore.DisposeAsync();
                }
            }

            Report(results, scales);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<List<Measurement>> MeasureStoreAsync(
        string store, string? firestoreHost, string work, VideoState template, int[] scales, int requests, int concurrency)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Saga:Store"] = store == "firestore" ? "Firestore" : "Sqlite",
            ["Saga:ConnectionString"] = $"Data Source={Path.Combine(work, "bench.db")}",
            ["Firestore:ProjectId"] = "aiprod-store-bench",
            ["Firestore:EmulatorHost"] = firestoreHost,
            ["Firestore:Collection"] = "videos",
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddVideoStatusReads();
        using var reads = builder.Build();
        var documents = reads.Services.GetRequiredService<ISagaDocumentStore<VideoState>>();
        var queries = reads.Services.GetRequiredService<ISagaQueries<VideoState>>();

        var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var environment = settings.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Auth__BootstrapKey"] = key;
        environment["RateLimits__RequestsPerMinute"] = "10000000";
        environment["RateLimits__Burst"] = "1000000";
        environment["Assets__Root"] = Path.Combine(work, "assets");
        environment["Logging__LogLevel__Default"] = "Warning";
        if (firestoreHost is not null)
            environment["FIRESTORE_EMULATOR_HOST"] = firestoreHost;

        var ids = new List<Guid>();
        var measured = new List<Measurement>();
        await using var gateway = await ServiceProcess.StartAsync($"gateway-{store}", "Gateway", "AiProd.Gateway.dll", environment, Path.Combine(work, "logs"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = gateway.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var scale in scales)
        {
            var seeding = Stopwatch.StartNew();
            await SeedAsync(documents, template, ids, scale, concurrency * 2);
            Console.WriteLine($"  {store}: {scale} stored ({seeding.Elapsed.TotalSeconds:0.0} s to seed)");
            var deepToken = await PageTokenAtAsync(queries, scale / PageSize / 2);
            var random = new Random(scale);

            measured.Add(await MeasureAsync(store, scale, "list first page", requests, concurrency,
                () => queries.ListSummariesAsync(new SagaListFilter(), PageSize, null),
                () => http.GetAsync($"/v1/videos?pageSize={PageSize}")));
            measured.Add(await MeasureAsync(store, scale, "list deep page", requests, concurrency,
                () => queries.ListSummariesAsync(new SagaListFilter(), PageSize, deepToken),
                () => http.GetAsync($"/v1/videos?pageSize={PageSize}&pageToken={Uri.EscapeDataString(deepToken ?? string.Empty)}")));
            measured.Add(await MeasureAsync(store, scale, "list one owner", requests, concurrency,
                () => queries.ListSummariesAsync(new SagaListFilter(Owner: "team-3"), PageSize, null),
                null));
            // What a page cost before summaries: the same page as whole documents, mapped to the saga.
            measured.Add(await MeasureAsync(store, scale, "list whole docs", requests, concurrency,
                () => queries.ListAsync(new SagaListFilter(), PageSize, null),
                null));
            if (reads.Services.GetService<FirestoreSagaStore<VideoState>>() is { } firestore)
            {
                // Where a Firestore page's time goes: the emulator's answer alone, and mapping its documents.
                var query = StructuredQueries.NewestFirst(SagaDocumentMapper.CreatedAtField, PageSize + 1, []);
                IReadOnlyList<AiProd.SagaStore.Firestore.V1.Document> page = await firestore.Documents.QueryAsync(query);
                measured.Add(await MeasureAsync(store, scale, "raw query", requests, concurrency, () => firestore.Documents.QueryAsync(query), null));
                measured.Add(await MeasureAsync(store, scale, "map 100 docs", requests, concurrency, () =>
                {
                    foreach (var document in page)
                        firestore.Mapper.FromDocument(document);
                    return Task.CompletedTask;
                }, null));
            }

            measured.Add(await MeasureAsync(store, scale, "get by id", requests, concurrency,
                () => queries.GetAsync(ids[random.Next(ids.Count)]),
                () => http.GetAsync($"/v1/videos/{ids[random.Next(ids.Count)]}")));
        }

        return measured;
    }

    /// <summary>One video the embedded pipeline really made (3 s, offline), as its saga document.</summary>
    private static async Task<VideoState> MakeTemplateAsync(string work)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Assets:Root"] = Path.Combine(work, "template-assets");
        builder.Configuration["Saga:ConnectionString"] = $"Data Source={Path.Combine(work, "template.db")}";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults().AddEmbeddedPipeline().AddAiProdBus();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var id = NewId.NextGuid();
            await host.Services.GetRequiredService<IBus>().Publish(new GenerateVideo(id, new VideoRequest("A lighthouse at dusk, waves crashing on the rocks, gulls circling", 3)));
            var store = host.Services.GetRequiredService<ISagaDocumentStore<VideoState>>();
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline)
            {
                if (await store.LoadAsync(id) is { CurrentState: VideoStages.Complete } done)
                    return done;
                await Task.Delay(100);
            }

            throw new InvalidOperationException("The template video did not complete in 3 minutes.");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Stores copies of <paramref name="template"/> until <paramref name="ids"/> holds <paramref name="target"/>.</summary>
    private static async Task SeedAsync(ISagaDocumentStore<VideoState> store, VideoState template, List<Guid> ids, int target, int parallel)
    {
        var text = JsonSerializer.Serialize(template, Json);
        var start = DateTimeOffset.UtcNow;
        var next = ids.Count;
        var added = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(next, target - next), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var copy = JsonSerializer.Deserialize<VideoState>(text, Json)!;
            copy.CorrelationId = Guid.NewGuid();
            copy.Version = 0;
            copy.Owner = $"team-{i % Owners}";
            copy.CreatedAt = start.AddMilliseconds(i);
            copy.UpdatedAt = copy.CreatedAt;
            await store.InsertAsync(copy, ct);
            added.Add(copy.CorrelationId);
        });
        ids.AddRange(added);
    }

    /// <summary>The token of page <paramref name="page"/> (0 is the first), walked from the top.</summary>
    private static async Task<string?> PageTokenAtAsync(ISagaQueries<VideoState> queries, int page)
    {
        string? token = null;
        for (var i = 0; i < page; i++)
            token = (await queries.ListAsync(new SagaListFilter(), PageSize, token)).NextPageToken;
        return token;
    }

    private static async Task<Measurement> MeasureAsync(
        string store, int scale, string read, int requests, int concurrency, Func<Task> direct, Func<Task<HttpResponseMessage>>? overHttp)
    {
        // Baseline and HTTP interleaved in rounds, so both see the same machine.
        var storeTimes = new List<double>();
        var httpTimes = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            storeTimes.AddRange(await TimeAsync(requests / 3, concurrency, direct));
            if (overHttp is not null)
            {
                httpTimes.AddRange(await TimeAsync(requests / 3, concurrency, async () =>
                {
                    using var response = await overHttp();
                    if (!response.IsSuccessStatusCode)
                        throw new InvalidOperationException($"{read}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    await response.Content.CopyToAsync(Stream.Null);
                }));
            }
        }

        return new Measurement(store, scale, read, storeTimes, httpTimes);
    }

    /// <summary>Runs <paramref name="call"/> <paramref name="count"/> times (after a few warm-ups) from <paramref name="concurrency"/> clients; milliseconds each.</summary>
    private static async Task<List<double>> TimeAsync(int count, int concurrency, Func<Task> call)
    {
        for (var i = 0; i < 5; i++)
            await call();
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) =>
        {
            var clock = Stopwatch.StartNew();
            await call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        });
        return [.. times];
    }

    private static void Report(List<Measurement> results, int[] scales)
    {
        Console.WriteLine();
        Console.WriteLine($"{"store",-10} {"stored",7} {"read",-16} {"store p50",10} {"store p95",10} {"http p50",9} {"http p95",9} {"http p99",9} {"http/store",11} {"target",9}");
        foreach (var m in results)
        {
            var target = m.Read.StartsWith("list", StringComparison.Ordinal) ? 50 : 10;
            var p95 = m.HttpTimes.Count > 0 ? Stats.Percentile(m.HttpTimes, 95) : Stats.Percentile(m.StoreTimes, 95);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Store,-10} {m.Scale,7} {m.Read,-16} {Stats.Percentile(m.StoreTimes, 50),8:0.0}ms {Stats.Percentile(m.StoreTimes, 95),8:0.0}ms " +
                $"{Cell(m.HttpTimes, 50),9} {Cell(m.HttpTimes, 95),9} {Cell(m.HttpTimes, 99),9} " +
                $"{(m.HttpTimes.Count > 0 ? (Stats.Percentile(m.HttpTimes, 95) / Stats.Percentile(m.StoreTimes, 95)).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-"),11} " +
                $"{(p95 <= target ? "ok" : "OVER")} {target}ms"));
        }

        if (scales.Length < 2)
            return;
        Console.WriteLine();
        Console.WriteLine($"growth {scales[0]} → {scales[^1]} stored (p95 at {scales[^1]} / p95 at {scales[0]}; flat is 1.00):");
        foreach (var group in results.GroupBy(m => (m.Store, m.Read)))
        {
            var small = group.First(m => m.Scale == scales[0]);
            var large = group.First(m => m.Scale == scales[^1]);
            var times = (Func<Measurement, List<double>>)(m => m.HttpTimes.Count > 0 ? m.HttpTimes : m.StoreTimes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key.Store,-10} {group.Key.Read,-16} {Stats.Percentile(times(large), 95) / Stats.Percentile(times(small), 95):0.00}x ({(small.HttpTimes.Count > 0 ? "http" : "store")})"));
        }
    }

    private static string Cell(List<double> times, double p) =>
        times.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{Stats.Percentile(times, p):0.0}ms");

    private sealed record Measurement(string Store, int Scale, string Read, List<double> StoreTimes, List<double> HttpTimes);
}
