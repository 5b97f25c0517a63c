using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AiProd.Auth;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests;

/// <summary>Bad HTTP input against the real gateway: each is a 4xx problem naming the field, never a 500.</summary>
[Category("EndToEnd")]
public class When_clients_send_bad_input
{
    private WebApplication _app = null!;
    private string _folder = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gw-input-").FullName;
        _app = GatewayApp.Build([.. InProcessGateway.Settings(_folder), "--Financial:PricesPerSecondUsd:local", "1000"]);
        await _app.StartAsync();
        _http = GatewayProcess.Client(InProcessGateway.Address(_app));
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<JsonElement> ProblemNaming(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, text);
        Assert.That(text, Does.Not.Contain("AiProd.").And.Not.Contain("System.").And.Not.Contain("   at "), "no type names or stack traces");
        return problem;
    }

    [TestCase("application/json; charset=\"utf-8\"", HttpStatusCode.BadRequest)]
    [TestCase("application/json; charset=UTF-8", HttpStatusCode.BadRequest)]
    [TestCase("application/json; charset=latin-1", HttpStatusCode.UnsupportedMediaType)]
    [TestCase("application/json; charset=\"klingon\"", HttpStatusCode.UnsupportedMediaType)]
    [TestCase("text/plain", HttpStatusCode.UnsupportedMediaType)]
    [TestCase("application/json;;;=", HttpStatusCode.UnsupportedMediaType)]
    public async Task Should_read_utf8_json_and_refuse_other_content_types_naming_the_header(string contentType, HttpStatusCode expected)
    {
        // The body is valid JSON with an invalid duration: a body that was read at all is answered about durationSeconds.
        var content = new ByteArrayContent("{\"prompt\":\"A calm lake at dawn\",\"durationSeconds\":500}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await _http.PostAsync("/v1/videos", content);
        await ProblemNaming(response, expected, expected == HttpStatusCode.BadRequest ? "durationSeconds" : "Content-Type");
    }

    [TestCase("{\"prompt\":\"x\",\"durationSeconds\":\"ten\"}", "durationSeconds")]
    [TestCase("{\"prompt\":42}", "prompt")]
    [TestCase("{\"prompt\":\"A calm lake at dawn\",\"frameRate\":1.5}", "frameRate")]
    [TestCase("{\"prompt\":\"A calm lake at dawn\",\"budgetUsd\":1e309}", "budgetUsd")]
    [TestCase("{\"prompt\":\"A calm lake at dawn\",\"durationSeconds\":1e309}", "durationSeconds")]
    [TestCase("{\"prompt\":\"a\",\"prompt\":\"b\"}", "prompt")]
    [TestCase("{\"prompt\":\"A calm lake at dawn\",\"owner\":\"someone-else\"}", "owner")]
    [TestCase("{\"prompt\": NaN}", "body")]
    [TestCase("[1,2,3]", "body")]
    [TestCase("{\"prompt\":\"\\ud800\"}", "body")]
    [TestCase("{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "body")]
    [TestCase("", "body")]
    public async Task Should_name_the_field_of_a_body_it_cannot_take(string body, string field) =>
        await ProblemNaming(await _http.PostAsync("/v1/videos", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, field);

    [Test]
    public async Task Should_refuse_invalid_utf8_naming_the_body()
    {
        var content = new ByteArrayContent([.. "{\"prompt\":\""u8, 0xff, 0xfe, .. "\"}"u8]);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        await ProblemNaming(await _http.PostAsync("/v1/videos", content), HttpStatusCode.BadRequest, "body");
    }

    [TestCase("abc")]
    [TestCase("1.5")]
    [TestCase("1e3")]
    [TestCase("10000000000")]
    [TestCase("-10000000000")]
    [TestCase("0")]
    [TestCase("101")]
    [TestCase("")]
    public async Task Should_name_pageSize_when_it_is_not_a_whole_number_from_1_to_100(string pageSize) =>
        await ProblemNaming(await _http.GetAsync($"/v1/videos?pageSize={Uri.EscapeDataString(pageSize)}"), HttpStatusCode.BadRequest, "pageSize");

    [TestCase("/v1/videos?state=Complete&state=Failed", "state")]
    [TestCase("/v1/videos?state=Rendering", "state")]
    [TestCase("/v1/videos?pageToken=garbage", "pageToken")]
    [TestCase("/v1/videos/not-a-uuid", "id")]
    public async Task Should_name_the_query_or_route_parameter(string path, string field) =>
        await ProblemNaming(await _http.GetAsync(path), HttpStatusCode.BadRequest, field);

    [Test]
    public async Task Should_answer_a_body_shorter_than_its_content_length_fast_with_400_naming_the_body()
    {
        var address = InProcessGateway.Address(_app);
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var watch = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /v1/videos HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {GatewayProcess.BootstrapKey}\r\n" +
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"prompt\":"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
        var rest = new StringBuilder();
        string? line;
        while ((line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5))) is not null && !line.Contains("errors", StringComparison.Ordinal))
            rest.AppendLine(line);
        Assert.Multiple(() =>
        {
            Assert.That(status, Does.StartWith("HTTP/1.1 400"), rest.ToString());
            Assert.That(line, Does.Contain("\"body\""));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "a stalled body is cut within seconds");
        });
    }

    [Test]
    public async Task Should_start_one_video_per_owner_and_key_and_refuse_the_key_for_a_different_request()
    {
        var keys = _app.Services.GetRequiredService<ApiKeys>();
        using var other = GatewayProcess.Client(InProcessGateway.Address(_app), (await keys.CreateAsync("other", ["videos:submit", "videos:read"], null)).Secret);
        var key = $"order-{Guid.NewGuid():N}";

        async Task<HttpResponseMessage> Post(HttpClient http, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await http.SendAsync(request);
        }

        async Task<Guid> IdOf(HttpResponseMessage response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        var first = await IdOf(await Post(_http, new { prompt = "A calm lake at dawn", durationSeconds = 2 }));
        // The same request spelt differently (defaults written out, 2.0 for 2) is the same request.
        var again = await IdOf(await Post(_http, new { prompt = "A calm lake at dawn", durationSeconds = 2.0, budgetUsd = 5.00, frameRate = 24 }));
        var othersOwn = await IdOf(await Post(other, new { prompt = "A calm lake at dawn", durationSeconds = 2 }));
        var reused = await ProblemNaming(await Post(_http, new { prompt = "A stormy sea at night", durationSeconds = 2 }), HttpStatusCode.UnprocessableEntity, "Idempotency-Key");

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(othersOwn, Is.Not.EqualTo(first), "keys are scoped per owner");
            Assert.That(reused.GetProperty("code").GetString(), Is.EqualTo("idempotency_key_reused"));
        });
    }

    [TestCase(1, 0)]
    [TestCase(1, 300)]
    [TestCase(2, 8)]
    public async Task Should_name_a_bad_idempotency_key(int count, int length)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = JsonContent.Create(new { prompt = "A calm lake at dawn" }) };
        for (var i = 0; i < count; i++)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", new string((char)('a' + i), length));
        await ProblemNaming(await _http.SendAsync(request), HttpStatusCode.BadRequest, "Idempotency-Key");
    }
}

/// <summary>A gateway with a small request budget per key.</summary>
[Category("EndToEnd")]
public class When_a_client_sends_too_many_requests
{
    [Test]
    public async Task Should_answer_429_problems_with_retry_after_per_key_and_keep_others_and_probes_going()
    {
        var folder = Directory.CreateTempSubdirectory("aiprod-gw-rate-").FullName;
        string[] settings = [.. InProcessGateway.Settings(folder), "--RateLimits:RequestsPerMinute", "6", "--RateLimits:Burst", "5",
            "--Cors:Origins", "https://app.example"];
        await using var app = GatewayApp.Build(settings);
        await app.StartAsync();
        try
        {
            var address = InProcessGateway.Address(app);
            var keys = app.Services.GetRequiredService<ApiKeys>();
            using var busy = GatewayProcess.Client(address, (await keys.CreateAsync("busy", [ApiKeyScopes.Read], null)).Secret);
            using var calm = GatewayProcess.Client(address, (await keys.CreateAsync("calm", [ApiKeyScopes.Read], null)).Secret);

            var statuses = new List<HttpStatusCode>();
            HttpResponseMessage last = null!;
            for (var i = 0; i < 8; i++)
            {
                last = await busy.GetAsync("/v1/videos");
                statuses.Add(last.StatusCode);
            }

            Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(statuses.Skip(5), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(last.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(last.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            Assert.That((await calm.GetAsync("/v1/videos")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "another key has its own budget");
            using var anonymous = new HttpClient { BaseAddress = address };
            for (var i = 0; i < 20; i++)
                Assert.That((await anonymous.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "probes are never limited");

            // CORS is open to the configured origin only.
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/videos");
            preflight.Headers.Add("Origin", "https://app.example");
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
            var allowed = await anonymous.SendAsync(preflight);
            Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://app.example" }));
        }
        finally
        {
            await app.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
