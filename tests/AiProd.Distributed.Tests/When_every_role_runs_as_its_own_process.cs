using System.Security.Cryptography;
using AiProd.Testing;

namespace AiProd.EndToEnd.Tests.Services;

[Category("EndToEnd")]
[Category("Integration")]
[NonParallelizable] // a whole deployment of processes (or a timed kill): alone
public sealed class When_every_role_runs_as_its_own_process
{
    [Test]
    public async Task Should_complete_a_video_across_gateway_orchestrator_and_every_worker()
    {
        await using var deployment = new Deployment();
        await deployment.StartAllAsync();

        // The caller's own trace: every service's log lines about this video must carry it.
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var http = deployment.Http();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/v1/videos")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { prompt = "A paper boat drifting down a rainy street", durationSeconds = 3 }),
        };
        post.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        var accepted = await http.SendAsync(post);
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(accepted.Content)).GetProperty("id").GetGuid();
        var status = await deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(3));

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Complete"), status.ToString());
        var mp4 = await http.GetByteArrayAsync($"/v1/videos/{id}/content");
        Assert.That(mp4.Length, Is.GreaterThan(10_000));
        await AssertObservableAsync(deployment, id, traceId);
    }

    /// <summary>Every service serves /metrics under its role's name; the orchestrator counted the video; the render worker's JSON log carries the caller's trace.</summary>
    private static async Task AssertObservableAsync(Deployment deployment, Guid id, string traceId)
    {
        using var scraper = new HttpClient();
        var roles = new[] { ServiceRole.Gateway }.Concat(ServiceRole.Pipeline).ToList();
        var scrapes = new Dictionary<string, string>();
        foreach (var role in roles)
            scrapes[role.Name] = await scraper.GetStringAsync(new Uri(deployment.Of(role).First().Address, "/metrics"));
        var renderLog = File.ReadAllLines(deployment.Of(ServiceRole.Render).First().LogFile)
            .Where(l => l.StartsWith('{') && l.Contains("Rendering shot", StringComparison.Ordinal))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .ToList();
        Assert.Multiple(() =>
        {
            foreach (var role in roles)
            {
                var service = role == ServiceRole.Gateway || role == ServiceRole.Orchestrator ? role.Name : $"{role.Name}-worker";
                Assert.That(scrapes[role.Name], Does.Contain($"service_name=\"{service}\""), $"{role.Name}'s /metrics names its service");
            }
            Assert.That(scrapes[ServiceRole.Orchestrator.Name], Does.Match(@"processing_duration_seconds_count\{[^}]*outcome=""completed""[^}]*\} [1-9]"));
            Assert.That(renderLog, Is.Not.Empty, "the render worker writes JSON lines on Pub/Sub");
            foreach (var entry in renderLog)
            {
                Assert.That(entry.GetProperty("severity").GetString(), Is.EqualTo("INFO"));
                Assert.That(entry.GetProperty("logging.googleapis.com/labels").GetProperty("role").GetString(), Is.EqualTo("render-worker"));
                Assert.That(entry.GetProperty("logging.googleapis.com/labels").GetProperty("videoId").GetString(), Is.EqualTo(id.ToString()));
                Assert.That(entry.GetProperty("logging.googleapis.com/trace").GetString(), Is.EqualTo($"projects/{Emulators.Project}/traces/{traceId}"));
                Assert.That(entry.GetProperty("logging.googleapis.com/spanId").GetString(), Has.Length.EqualTo(16));
            }
        });
    }

    [Test]
    public async Task Should_redirect_content_to_a_signed_url_valid_fifteen_minutes_when_the_gateway_can_sign()
    {
        await using var deployment = new Deployment();
        using var key = RSA.Create(2048);
        var signer = ServiceAccountKeyFile.Write(Path.Combine(deployment.Folder, "signer.json"), key);
        await Task.WhenAll(ServiceRole.Pipeline.Select(role => deployment.StartAsync(role))
            .Append(deployment.StartAsync(ServiceRole.Gateway, settings: new Dictionary<string, string> { ["Assets__SigningCredentialFile"] = signer })));

        var id = await deployment.SubmitAsync("A paper boat drifting down a rainy street");
        var status = await deployment.WaitForEndAsync(id, TimeSpan.FromMinutes(3));
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = deployment.Gateway!.Address };
        noRedirects.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayProcess.BootstrapKey);
        var response = await noRedirects.GetAsync($"/v1/videos/{id}/content");

        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("Complete"), deployment.Logs());
        Assert.That((int)response.StatusCode, Is.EqualTo(302));
        var signed = response.Headers.Location!;
        var query = System.Web.HttpUtility.ParseQueryString(signed.Query);
        Assert.Multiple(() =>
        {
            Assert.That(signed.Authority, Is.EqualTo(Emulators.Storage.Host), "signed for the store the video is in");
            Assert.That(query["X-Goog-Expires"], Is.EqualTo("900"));
            Assert.That(query["X-Goog-Signature"], Is.Not.Empty);
        });
        using var anyone = new HttpClient();
        Assert.That((await anyone.GetByteArrayAsync(signed)).Length, Is.GreaterThan(10_000), "the URL alone fetches the MP4");
    }
}
