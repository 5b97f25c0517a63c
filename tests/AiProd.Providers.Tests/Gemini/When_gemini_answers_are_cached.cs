using System.Diagnostics.Metrics;
using AiProd.Providers.Caching;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;

namespace AiProd.Providers.Tests.Gemini;

[Category("Integration")]
public class When_gemini_answers_are_cached
{
    private string _folder = null!;
    private string _video = null!;

    [OneTimeSetUp]
    public async Task MakeVideo()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gemini-cache-").FullName;
        _video = await VideoFixture.MakeAsync(_folder, "testsrc2");
    }

    [OneTimeTearDown]
    public void DeleteVideo() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Should_answer_an_identical_direction_request_from_the_cache_and_count_it()
    {
        await using var kit = await GeminiKit.StartAsync();
        var counted = new List<(string Instrument, string? Cache)>();
        using var listener = Listen(counted);
        var command = GeminiKit.Command();

        var first = await kit.Director.DirectAsync(command, CancellationToken.None);
        var second = await kit.Director.DirectAsync(command with { VideoId = Guid.NewGuid() }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(kit.Stub.Requests, Is.EqualTo(1), "the second identical request never reached the stub");
            Assert.That(second.Scenes, Is.EqualTo(first.Scenes));
            Assert.That(kit.Caches.Responses.Snapshot(), Is.EqualTo(new CacheSnapshot("gemini-responses", Hits: 1, Misses: 1, Entries: 1, Capacity: 5_000)));
            Assert.That(counted, Is.EqualTo(new[] { ("aiprod.providers.cache.misses", "gemini-responses"), ("aiprod.providers.cache.hits", "gemini-responses") }));
        });
    }

    [Test]
    public async Task Should_ask_again_when_anything_in_the_request_differs()
    {
        await using var kit = await GeminiKit.StartAsync();
        await kit.Director.DirectAsync(GeminiKit.Command(seconds: 6), CancellationToken.None);
        await kit.Director.DirectAsync(GeminiKit.Command(seconds: 7), CancellationToken.None);

        Assert.That(kit.Stub.Requests, Is.EqualTo(2));
        Assert.That(kit.Caches.Responses.Snapshot().Misses, Is.EqualTo(2));
    }

    [Test]
    public async Task Should_keep_no_more_entries_than_its_cap_and_drop_the_least_recently_used()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:ResponseCacheEntries", "2"));
        var a = GeminiKit.Command(seconds: 4);
        var b = GeminiKit.Command(seconds: 5);
        var c = GeminiKit.Command(seconds: 6);

        await kit.Director.DirectAsync(a, CancellationToken.None);
        await kit.Director.DirectAsync(b, CancellationToken.None);
        await kit.Director.DirectAsync(a, CancellationToken.None); // a is now the most recent
        await kit.Director.DirectAsync(c, CancellationToken.None); // evicts b
        Assert.That(kit.Stub.Requests, Is.EqualTo(3));

        await kit.Director.DirectAsync(a, CancellationToken.None);
        Assert.That(kit.Stub.Requests, Is.EqualTo(3), "a survived the eviction");
        await kit.Director.DirectAsync(b, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(kit.Stub.Requests, Is.EqualTo(4), "b was evicted and had to be fetched again");
            Assert.That(kit.Caches.Responses.Snapshot().Entries, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Should_judge_the_same_keyframes_against_the_same_plan_once()
    {
        await using var kit = await GeminiKit.StartAsync();
        var first = await kit.SemanticQa.EvaluateAsync(_video, VideoFixture.Command(_video), CancellationToken.None);
        // Another video id and attempt: the keyframes and the plan are what count.
        var again = await kit.SemanticQa.EvaluateAsync(_video, VideoFixture.Command(_video) with { Attempt = 2 }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(kit.Stub.Requests, Is.EqualTo(1));
            Assert.That(again, Is.EqualTo(first).Using<AiProd.Contracts.SemanticQaReport>((x, y) =>
                x.Overall == y.Overall && x.VisualQuality == y.VisualQuality && x.Feedback.SequenceEqual(y.Feedback)));
            Assert.That(kit.Caches.Scores.Snapshot(), Is.EqualTo(new CacheSnapshot("gemini-scores", Hits: 1, Misses: 1, Entries: 1, Capacity: 1_000)));
        });
    }

    [Test]
    public async Task Should_cap_the_score_cache_too()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:ScoreCacheEntries", "1"));
        var plan = VideoFixture.Command(_video);
        var otherPlan = plan with { Request = plan.Request with { Prompt = "A lighthouse at dawn" } };

        await kit.SemanticQa.EvaluateAsync(_video, plan, CancellationToken.None);
        await kit.SemanticQa.EvaluateAsync(_video, otherPlan, CancellationToken.None);
        await kit.SemanticQa.EvaluateAsync(_video, plan, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(kit.Caches.Scores.Snapshot().Misses, Is.EqualTo(3), "one entry: the first plan's scores were evicted by the second");
            Assert.That(kit.Caches.Scores.Snapshot().Entries, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_not_cache_failures()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:MaxRetries", "0"));
        kit.Stub.Enqueue(GeminiStubFault.ServerError(503));

        Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        await kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None);

        Assert.That(kit.Stub.Calls.Select(c => c.Status), Is.EqualTo(new[] { 503, 200 }));
    }

    private static MeterListener Listen(List<(string, string?)> counted)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ProviderCacheMetrics.MeterName)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Hits and misses only (the meter also counts provider calls), and only real ones: each cache declares
            // both counters at 0 when it is made.
            if (value == 0 || !instrument.Name.StartsWith("aiprod.providers.cache.", StringComparison.Ordinal))
                return;
            lock (counted)
                counted.Add((instrument.Name, tags.ToArray().FirstOrDefault(t => t.Key == "cache").Value as string));
        });
        listener.Start();
        return listener;
    }
}
