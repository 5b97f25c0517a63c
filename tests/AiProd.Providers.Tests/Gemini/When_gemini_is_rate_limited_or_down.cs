using AiProd.Providers.Gemini;
using AiProd.Providers.Http;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;
using AiProd.Workers.Creative.Gemini;
using AiProd.Workers.Qa.Gemini;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Providers.Tests.Gemini;

[Category("Integration")]
public class When_gemini_is_rate_limited_or_down
{
    [Test]
    public async Task Should_wait_at_least_retry_after_and_then_succeed()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.RateLimited(TimeSpan.FromSeconds(1)));

        var direction = await kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None);

        var calls = kit.Stub.Calls;
        Assert.Multiple(() =>
        {
            Assert.That(direction.Scenes, Is.Not.Empty);
            Assert.That(calls.Select(c => c.Status), Is.EqualTo(new[] { 429, 200 }));
            // The backoff alone would be ~20 ms here; only Retry-After explains a one-second gap.
            Assert.That(calls[1].At - calls[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95)));
        });
    }

    [Test]
    public async Task Should_queue_calls_over_the_rate_limit_instead_of_sending_them()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:RequestsPerMinute", "2"));
        using var cancel = new CancellationTokenSource();

        await kit.Director.DirectAsync(GeminiKit.Command("A lighthouse at dusk"), CancellationToken.None);
        await kit.Director.DirectAsync(GeminiKit.Command("A harbour at dawn"), CancellationToken.None);
        var third = kit.Director.DirectAsync(GeminiKit.Command("A forest in the rain"), cancel.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(kit.Stub.Requests, Is.EqualTo(2), "the third call waits for the minute's window");
            Assert.That(third.IsCompleted, Is.False);
        });
        await cancel.CancelAsync();
        Assert.That(async () => await third, Throws.InstanceOf<Exception>());
        Assert.That(kit.Stub.Requests, Is.EqualTo(2), "a cancelled wait never reaches the API");
    }

    [Test]
    public async Task Should_retry_server_errors_and_then_succeed()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.ServerError(503), GeminiStubFault.ServerError(500));

        var direction = await kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None);

        // Polly's decorrelated jitter can draw delays below the base, so only the sequence is asserted, not the gaps.
        Assert.That(kit.Stub.Calls.Select(c => c.Status), Is.EqualTo(new[] { 503, 500, 200 }));
        Assert.That(direction.Scenes, Is.Not.Empty);
    }

    [Test]
    public async Task Should_give_up_as_rate_limited_once_the_retries_are_spent()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:MaxRetries", "2"));
        kit.Stub.Always = GeminiStubFault.RateLimited(TimeSpan.Zero);

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("rate_limited"));
            Assert.That(failure.Retryable, Is.True);
            Assert.That(failure.Message, Does.Contain("RESOURCE_EXHAUSTED"));
            Assert.That(kit.Stub.Requests, Is.EqualTo(3), "one attempt and two retries");
        });
    }

    [Test]
    public async Task Should_not_retry_a_request_the_api_rejects()
    {
        await using var kit = await GeminiKit.StartAsync();
        var client = kit.Services.GetRequiredService<GeminiClient>();
        var request = new GenerateContentRequest(
            [new Content([Part.FromImage("image/gif", [1, 2, 3])], "user")],
            GenerationConfig: new GenerationConfig("application/json", Schema.String("anything")));

        var failure = Assert.ThrowsAsync<ProviderException>(() => client.GenerateJsonAsync("test", request, CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("invalid_request"));
            Assert.That(failure.Retryable, Is.False);
            Assert.That(failure.Message, Does.Contain("400 INVALID_ARGUMENT").And.Contain("Unsupported MIME type: image/gif"));
            Assert.That(kit.Stub.Requests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_open_the_breaker_after_repeated_failures_and_stop_calling()
    {
        await using var kit = await GeminiKit.StartAsync(
            ("Providers:Gemini:MaxRetries", "0"),
            ("Providers:Gemini:BreakerMinimumThroughput", "4"),
            ("Providers:Gemini:BreakerFailureRatio", "0.5"),
            ("Providers:Gemini:BreakDuration", "00:00:30"));
        kit.Stub.Always = GeminiStubFault.ServerError(503);

        var codes = new List<string>();
        for (var i = 0; i < 8; i++)
            codes.Add(Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(prompt: $"a lighthouse, take {i}"), CancellationToken.None))!.Code);

        Assert.Multiple(() =>
        {
            Assert.That(codes.Take(4), Has.All.EqualTo("provider_error"));
            Assert.That(codes.Skip(4), Has.All.EqualTo("circuit_open"));
            Assert.That(kit.Stub.Requests, Is.EqualTo(4), "an open breaker sends nothing");
        });
    }

    [Test]
    public async Task Should_time_out_a_slow_answer_with_a_reason()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:MaxRetries", "0"), ("Providers:Gemini:AttemptTimeout", "00:00:00.300"));
        kit.Stub.Enqueue(GeminiStubFault.Slow(TimeSpan.FromSeconds(5)));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("timeout"));
            Assert.That(failure.Retryable, Is.True);
            Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        });
    }

    [Test]
    public async Task Should_retry_a_slow_attempt_and_take_the_next_answer()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:AttemptTimeout", "00:00:00.300"));
        kit.Stub.Enqueue(GeminiStubFault.Slow(TimeSpan.FromSeconds(5)));

        var direction = await kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None);
        Assert.That(direction.Scenes, Is.Not.Empty);
        Assert.That(kit.Stub.Requests, Is.EqualTo(2));
    }
}
