using System.Text.Json;
using AiProd.Providers.Gemini;
using AiProd.Workers.Creative.Gemini;
using AiProd.Workers.Qa.Gemini;

namespace AiProd.Providers.Tests.Gemini;

public class When_gemini_failures_are_classified
{
    [TestCase(400, "invalid_request", false)]
    [TestCase(401, "unauthorized", false)]
    [TestCase(403, "unauthorized", false)]
    [TestCase(404, "invalid_request", false)]
    [TestCase(408, "timeout", true)]
    [TestCase(429, "rate_limited", true)]
    [TestCase(500, "provider_error", true)]
    [TestCase(503, "provider_error", true)]
    public void Should_map_the_status_to_a_stable_code(int status, string code, bool retryable)
    {
        var failure = GeminiFailures.FromHttp(status, """{"error":{"code":400,"message":"boom","status":"X"}}""");
        Assert.That((failure.Code, failure.Retryable, failure.StatusCode), Is.EqualTo((code, retryable, (int?)status)));
        Assert.That(failure.Message, Does.Contain("X: boom"));
    }

    [Test]
    public void Should_quote_a_body_that_is_not_googles_error_shape()
    {
        var failure = GeminiFailures.FromHttp(502, "<html>Bad gateway</html>");
        Assert.That(failure.Message, Does.Contain("<html>Bad gateway</html>"));
    }

    [Test]
    public void Should_list_every_way_an_answer_leaves_its_schema()
    {
        var schema = Schema.Object("x",
            ("n", Schema.Integer("n", 1, 3)),
            ("s", Schema.String("s", "a", "b")),
            ("l", Schema.Array("l", Schema.Number("v", 0, 1), 1, 2)));
        using var doc = JsonDocument.Parse("""{"n":2.5,"s":"c","l":[0.5,2,0.1]}""");

        Assert.That(SchemaCheck.Problems(doc.RootElement, schema), Is.EqualTo(new[]
        {
            "$.n: expected an integer, got 2.5",
            "$.s: \"c\" is not one of a, b",
            "$.l: 3 item(s), expected 1–2",
            "$.l[1]: 2 is outside 0–1",
        }));
    }
}
