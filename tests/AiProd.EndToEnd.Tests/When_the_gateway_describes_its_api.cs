using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiProd.Gateway;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The OpenAPI document and the Scalar page of one in-process gateway, read anonymously: every mapped /v1 route is
/// in the document with a summary, its problem responses and (unless anonymous) the API-key requirement; the page
/// loads its script from the gateway itself under a CSP that lets it.
/// </summary>
[Category("EndToEnd")]
public partial class When_the_gateway_describes_its_api
{
    private string _folder = null!;
    private WebApplication _gateway = null!;
    private HttpClient _anonymous = null!;
    private JsonElement _document;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gw-openapi-").FullName;
        _gateway = GatewayApp.Build([.. InProcessGateway.Settings(_folder)]);
        await _gateway.StartAsync();
        _anonymous = new HttpClient { BaseAddress = InProcessGateway.Address(_gateway) };
        var response = await _anonymous.GetAsync(GatewayOpenApi.DocumentPath);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _anonymous?.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private IEnumerable<(string Method, string Route, bool Secured)> MappedOperations() =>
        _gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("v1/", StringComparison.Ordinal))
            // The SignalR hub is a WebSocket protocol, not operations: the document's description names it instead.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.SignalR.HubMetadata>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m,
                "/" + Slashes().Replace(e.RoutePattern.RawText!, "/").Trim('/'),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && e.Metadata.GetMetadata<IAllowAnonymous>() is null)));

    [Test]
    public void Should_list_every_mapped_route_with_a_summary()
    {
        var operations = MappedOperations().ToList();
        Assert.That(operations, Has.Count.GreaterThan(20));
        var paths = _document.GetProperty("paths");
        Assert.Multiple(() =>
        {
            foreach (var (method, route, _) in operations)
            {
                Assert.That(paths.TryGetProperty(route, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out var op)
                    && op.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 10, Is.True, $"{method} {route} is missing or has no summary");
            }
        });
    }

    [Test]
    public void Should_require_the_api_key_on_every_secured_operation_and_declare_its_problems()
    {
        var scheme = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty(GatewayOpenApi.SchemeName);
        Assert.That(scheme.GetProperty("type").GetString(), Is.EqualTo("apiKey"));
        Assert.That(scheme.GetProperty("in").GetString(), Is.EqualTo("header"));
        Assert.That(scheme.GetProperty("name").GetString(), Is.EqualTo("X-Api-Key"));
        Assert.Multiple(() =>
        {
            foreach (var (method, route, secured) in MappedOperations())
            {
                var op = _document.GetProperty("paths").GetProperty(route).GetProperty(method.ToLowerInvariant());
                var security = op.TryGetProperty("security", out var s) ? s.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList() : [];
                Assert.That(security.Contains(GatewayOpenApi.SchemeName), Is.EqualTo(secured), $"{method} {route}: security");
                var responses = op.GetProperty("responses");
                var expected = new List<string> { "400", "429", "503" };
                if (secured)
                    expected.AddRange(["401", "403"]);
                if (route.Contains('{'))
                    expected.Add("404");
                foreach (var status in expected)
                    Assert.That(responses.TryGetProperty(status, out var r) && r.GetProperty("content").TryGetProperty("application/problem+json", out _), Is.True,
                        $"{method} {route}: no {status} problem response");
            }
        });
    }

    [Test]
    public void Should_describe_request_bodies_and_state_conflicts()
    {
        var create = _document.GetProperty("paths").GetProperty("/v1/videos").GetProperty("post");
        var properties = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("properties");
        Assert.That(properties.TryGetProperty("prompt", out _) && properties.TryGetProperty("callbackUrl", out _), Is.True);
        Assert.That(create.GetProperty("responses").TryGetProperty("422", out _), Is.True);
        Assert.That(_document.GetProperty("paths").GetProperty("/v1/videos/{id}/approve").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _), Is.True);
        Assert.That(_document.GetProperty("paths").GetProperty("/v1/webhooks").GetProperty("post").TryGetProperty("requestBody", out _), Is.True);
    }

    [Test]
    public async Task Should_serve_the_reference_page_and_its_script_from_the_gateway()
    {
        var page = await _anonymous.GetAsync(GatewayOpenApi.ReferencePath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(GatewayOpenApi.ReferencePolicy));
        var scripts = ScriptSources().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.That(scripts, Is.Not.Empty, html);
        Assert.That(html, Does.Not.Contain("cdn.jsdelivr").And.Not.Contain("fonts.scalar"));
        var largest = 0;
        foreach (var src in scripts)
        {
            Assert.That(Uri.TryCreate(src, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal), Is.False, $"{src} is loaded from elsewhere");
            var script = await _anonymous.GetAsync(new Uri(new Uri(_anonymous.BaseAddress!, GatewayOpenApi.ReferencePath + "/"), src));
            Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK), src);
            largest = Math.Max(largest, (await script.Content.ReadAsByteArrayAsync()).Length);
        }

        Assert.That(largest, Is.GreaterThan(100_000), "the bundled reference script is not served");

        // The API keeps its strict policy.
        var api = await _anonymous.GetAsync(GatewayOpenApi.DocumentPath);
        Assert.That(api.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none'"));
    }

    [GeneratedRegex("//+")]
    private static partial Regex Slashes();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSources();
}
