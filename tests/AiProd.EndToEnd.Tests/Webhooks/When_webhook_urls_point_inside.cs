using System.Net;
using System.Net.Http.Json;
using AiProd.Auth;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests.Webhooks;

/// <summary>
/// A gateway with the development loopback allowance off (the default): webhook and callback URLs that lead to the
/// metadata server, a private network, loopback or a name resolving to loopback are refused, naming the field.
/// </summary>
[Category("EndToEnd")]
public class When_webhook_urls_point_inside
{
    private string _folder = null!;
    private WebApplication _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gw-ssrf-").FullName;
        _gateway = GatewayApp.Build([.. InProcessGateway.Settings(_folder)]);
        await _gateway.StartAsync();
        var key = await _gateway.Services.GetRequiredService<ApiKeys>().CreateAsync("carol", [ApiKeyScopes.Submit, ApiKeyScopes.Read], "team-c");
        _client = GatewayProcess.Client(InProcessGateway.Address(_gateway), key.Secret);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client?.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [TestCase("https://169.254.169.254/latest/meta-data/")]
    [TestCase("https://10.1.2.3/hooks")]
    [TestCase("https://[::1]/hooks")]
    [TestCase("https://localhost/hooks")]
    [TestCase("https://127.0.0.1:8443/hooks")]
    [TestCase("https://[::ffff:10.0.0.1]/hooks")]
    [TestCase("http://127.0.0.1/hooks")]
    [TestCase("https://user:pw@example.com/hooks")]
    public async Task Should_refuse_the_address_naming_the_field(string url)
    {
        var subscription = await When_webhooks_are_delivered.Json(await _client.PostAsJsonAsync("/v1/webhooks", new { url }), HttpStatusCode.BadRequest);
        Assert.That(subscription.GetProperty("errors").TryGetProperty("url", out _), Is.True, subscription.ToString());

        var video = await When_webhooks_are_delivered.Json(await _client.PostAsJsonAsync("/v1/videos", new { prompt = "A calm lake at dawn", callbackUrl = url }), HttpStatusCode.BadRequest);
        Assert.That(video.GetProperty("errors").TryGetProperty("callbackUrl", out _), Is.True, video.ToString());
        Assert.That(video.ToString(), Does.Not.Contain("Exception").And.Not.Contain("/work/"));
    }
}
