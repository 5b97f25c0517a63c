using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>The stub is only worth testing against if it refuses what the real API refuses, in the real API's shape.</summary>
[Category("Integration")]
public class When_the_gemini_stub_checks_requests
{
    private const string Schema = """{"type":"OBJECT","properties":{"a":{"type":"STRING"}},"required":["a"]}""";
    private GeminiStub _stub = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _stub = await GeminiStub.StartAsync();
        _http = new HttpClient { BaseAddress = _stub.BaseUrl };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _stub.DisposeAsync();
    }

    [TestCase(null, 401, "UNAUTHENTICATED")]
    [TestCase("wrong", 403, "PERMISSION_DENIED")]
    public async Task Should_refuse_a_missing_or_wrong_key(string? key, int status, string googleStatus)
    {
        var (code, error) = await PostAsync(Body("""{"text":"hi"}"""), key);
        Assert.That((code, error.GetProperty("status").GetString(), error.GetProperty("code").GetInt32()), Is.EqualTo((status, googleStatus, status)));
    }

    [TestCase("[]", "contents is not specified")]
    [TestCase("""{"text":"a","inlineData":{"mimeType":"image/png","data":"AAAA"}}""", "oneof field 'data'")]
    [TestCase("""{"inlineData":{"mimeType":"image/png","data":"%%%"}}""", "Base64 decoding failed")]
    [TestCase("""{"inlineData":{"mimeType":"image/jpeg","data":"AAAAAA=="}}""", "Provided image is not valid")]
    [TestCase("""{"inlineData":{"mimeType":"image/bmp","data":"AAAA"}}""", "Unsupported MIME type: image/bmp")]
    public async Task Should_refuse_bad_parts_with_invalid_argument(string part, string message)
    {
        var body = part == "[]" ? """{"contents":[]}""" : Body(part);
        var (code, error) = await PostAsync(body, _stub.Key);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(400));
            Assert.That(error.GetProperty("status").GetString(), Is.EqualTo("INVALID_ARGUMENT"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain(message));
        });
    }

    [TestCase("""{"responseMimeType":"application/json"}""", "needs a response schema")]
    [TestCase("""{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT"}}""", "should be non-empty for OBJECT type")]
    [TestCase("""{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"a":{"type":"STRING"}},"required":["b"]}}""", "property \"b\" is not defined")]
    [TestCase("""{"responseMimeType":"application/json","responseSchema":{"type":"ARRAY"}}""", "items: missing field")]
    [TestCase("""{"responseMimeType":"application/json","responseSchema":{"type":"NUMBER","enum":["1"]}}""", "only allowed for STRING")]
    [TestCase("""{"responseMimeType":"application/json","responseSchema":{"type":"string"}}""", "Invalid value at 'generation_config.response_schema.type'")]
    [TestCase("""{"responseMimeType":"application/json","responseSchema":{"type":"STRING","oneOf":[]}}""", "Unknown name \"oneOf\"")]
    [TestCase("""{"temperature":3}""", "temperature: must be between 0 and 2")]
    [TestCase("""{"responseSchema":{"type":"STRING"}}""", "response_mime_type must be application/json")]
    public async Task Should_refuse_a_bad_generation_config(string config, string message)
    {
        var (code, error) = await PostAsync(Body("""{"text":"hi"}""", config), _stub.Key);
        Assert.That(code, Is.EqualTo(400));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(message));
    }

    [Test]
    public async Task Should_refuse_a_request_over_20_mb()
    {
        var data = Convert.ToBase64String(new byte[16 * 1024 * 1024]);
        var (code, error) = await PostAsync(Body($$$"""{"inlineData":{"mimeType":"image/png","data":"{{{data}}}"}}"""), _stub.Key);
        Assert.That(code, Is.EqualTo(400));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("Request payload size exceeds the limit: 20971520 bytes"));
    }

    [Test]
    public async Task Should_answer_a_valid_request_with_schema_shaped_json()
    {
        using var content = new StringContent(Body("""{"text":"hi"}""", $$"""{"responseMimeType":"application/json","responseSchema":{{Schema}}}"""), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1beta/models/gemini-2.5-flash:generateContent") { Content = content };
        request.Headers.Add("x-goog-api-key", _stub.Key);
        using var response = await _http.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var candidate = doc.RootElement.GetProperty("candidates")[0];
        var text = candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(candidate.GetProperty("finishReason").GetString(), Is.EqualTo("STOP"));
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("a").GetString(), Is.EqualTo("stub"));
        });
    }

    private static string Body(string part, string? config = null) =>
        $$"""{"contents":[{"role":"user","parts":[{{part}}]}]{{(config is null ? "" : $",\"generationConfig\":{config}")}}}""";

    private async Task<(int Status, JsonElement Error)> PostAsync(string body, string? key)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1beta/models/gemini-2.5-flash:generateContent") { Content = content };
        if (key is not null)
            request.Headers.Add("x-goog-api-key", key);
        using var response = await _http.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, doc.RootElement.GetProperty("error").Clone());
    }
}
