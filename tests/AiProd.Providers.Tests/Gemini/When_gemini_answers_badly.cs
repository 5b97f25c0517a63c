using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;

namespace AiProd.Providers.Tests.Gemini;

[Category("Integration")]
public class When_gemini_answers_badly
{
    [TestCase("SAFETY")]
    [TestCase("PROHIBITED_CONTENT")]
    [TestCase("RECITATION")]
    public async Task Should_treat_a_withheld_answer_as_a_final_refusal_and_never_retry(string reason)
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.Finish(reason));

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("content_refused"));
            Assert.That(failure.Retryable, Is.False);
            Assert.That(failure.Message, Does.Contain($"finishReason {reason}"));
            Assert.That(kit.Stub.Requests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_treat_a_blocked_prompt_as_a_final_refusal()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.PromptBlocked("PROHIBITED_CONTENT"));

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("content_refused"));
            Assert.That(failure.Message, Does.Contain("blocked (PROHIBITED_CONTENT)"));
            Assert.That(kit.Stub.Requests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_report_a_truncated_answer()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.Finish("MAX_TOKENS"));

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("truncated"));
            Assert.That(failure.Message, Does.Contain("MaxOutputTokens"));
            Assert.That(kit.Stub.Requests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_report_text_that_is_not_json_as_malformed()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.MalformedText());

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("malformed_response"));
            Assert.That(failure.Message, Does.Contain("not JSON"));
        });
    }

    [Test]
    public async Task Should_report_json_that_leaves_the_schema_as_malformed_and_not_cache_it()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.OffSchema());

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.That(failure!.Code, Is.EqualTo("malformed_response"));
        Assert.That(failure.Message, Does.Contain("$.title: required but missing"));

        var direction = await kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(direction.Title, Is.Not.Empty);
            Assert.That(kit.Stub.Requests, Is.EqualTo(2), "the bad answer was not cached, so the same request went out again");
        });
    }

    [Test]
    public async Task Should_report_a_wrong_key_as_unauthorized_without_retrying()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:ApiKey", "not-the-key"));

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("unauthorized"));
            Assert.That(failure.Message, Does.Contain("403 PERMISSION_DENIED: API key not valid"));
            Assert.That(failure.Retryable, Is.False);
            Assert.That(kit.Stub.Requests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_report_an_unknown_model_as_an_invalid_request()
    {
        await using var kit = await GeminiKit.StartAsync(("Providers:Gemini:Model", "gemini-0.1-nonexistent"));

        var failure = Assert.ThrowsAsync<StepException>(() => kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(failure!.Code, Is.EqualTo("invalid_request"));
            Assert.That(failure.Message, Does.Contain("404 NOT_FOUND: models/gemini-0.1-nonexistent is not found"));
            Assert.That(kit.Stub.Requests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_never_write_the_key_to_the_logs()
    {
        await using var kit = await GeminiKit.StartAsync();
        kit.Stub.Enqueue(GeminiStubFault.ServerError(503));
        await kit.Director.DirectAsync(GeminiKit.Command(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(kit.Logs, Is.Not.Empty, "the client logged at all");
            Assert.That(kit.Logs, Has.Some.Contains("generateContent"), "HttpClient's own request logging ran");
            Assert.That(kit.Logs, Has.None.Contains(kit.Stub.Key));
        });
    }
}
