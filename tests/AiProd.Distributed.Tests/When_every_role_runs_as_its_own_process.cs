using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AiProd.EndToEnd.Tests.Webhooks;
using AiProd.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace AiProd.EndToEnd.Tests.Services;

/// <summary>
/// One deployment (every role its own process, on the Pub/Sub, Firestore and Storage emulators) and one video through
/// it, followed the way clients follow it: the caller's trace, an SSE stream and a SignalR hub subscriber (the
/// gateway's safety poll at ten minutes, so only its subscription to the bus can wake them), a callback webhook to a
/// loopback receiver, and a storyboard approval that splits each live client's view in two (a reconnect with the last
/// event id in between). The gateway can sign Cloud Storage URLs.
/// </summary>
[Category("EndToEnd")]
[Category("Integration")]
[NonParallelizable] // a whole deployment of processes (or a timed kill): alone
public sealed class When_every_role_runs_as_its_own_process
{
    private static readonly string[] BeforeApproval = ["Init", "InputSanitizer", "Analysis", "Creative", "Visual", "Financial", "AwaitingApproval"];
    private static readonly string[] AfterApproval = ["Render", "QaTech", "QaSemantic", "Finalize", "Complete"];

    private Deployment _deployment = null!;
    private WebhookReceiver _receiver = null!;
    private HttpClient _http = null!;
    private RSA _signingKey = null!;
    private string _traceId = null!;
    private string _callbackSecret = null!;
    private string? _stateWhenFollowed;
    private Guid _id;
    private JsonElement _status;
    private List<LiveEvent> _sseBefore = null!, _sseAfter = null!, _hubBefore = null!, _hubAfter = null!;

    [OneTimeSetUp]
    public async Task RunOneVideoWhileClientsFollowIt()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _deployment = new Deployment();
        _signingKey = RSA.Create(2048);
        var signer = ServiceAccountKeyFile.Write(Path.Combine(_deployment.Folder, "signer.json"), _signingKey);
        await Task.WhenAll(ServiceRole.Pipeline.Select(role => _deployment.StartAsync(role))
            .Append(_deployment.StartAsync(ServiceRole.Gateway, settings: new Dictionary<string, string>
            {
                ["Assets__SigningCredentialFile"] = signer,
                ["Live__SafetyPoll"] = "00:10:00",
                ["Webhooks__AllowLoopback"] = "true",
                ["Webhooks__PollInterval"] = "00:00:00.100",
            })));
        _http = _deployment.Http();

        // The caller's own trace, on the submission and on the approval: every service's log lines about this video carry it.
        _traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var accepted = await _http.SendAsync(Traced(HttpMethod.Post, "/v1/videos", new
        {
            prompt = "A paper boat drifting down a rainy street",
            durationSeconds = 3,
            approval = new { roles = new[] { "client" }, points = new[] { "storyboard" } },
            callbackUrl = new Uri(_receiver.Address, "/ok/callback"),
        }));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await accepted.Content.ReadAsStringAsync());
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        _id = body.GetProperty("id").GetGuid();
        _callbackSecret = body.GetProperty("callback").GetProperty("secret").GetString()!;

        await using var hub = LiveStreams.Hub(_deployment.Gateway!.Address, GatewayProcess.BootstrapKey);
        var hubUntil = LiveStreams.Collect(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", _id.ToString());
        var (response, reader) = await LiveStreams.OpenAsync(_http, _id);
        using (response)
        using (reader)
        {
            _stateWhenFollowed = (await _deployment.StatusAsync(_id))?.GetProperty("state").GetString();
            var sse = LiveStreams.ReadUntilAsync(reader, e => e.Entered("AwaitingApproval"));
            _hubBefore = await hubUntil(e => e.Entered("AwaitingApproval"));
            _sseBefore = await sse;
        }

        await hub.InvokeAsync("Unsubscribe", _id.ToString());

        // Approved while nobody follows; both clients come back once the video has gone on, from the last event they saw.
        var approved = await _http.SendAsync(Traced(HttpMethod.Post, $"/v1/videos/{_id}/approve", new { role = "client" }));
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await approved.Content.ReadAsStringAsync());
        await _deployment.WaitForStateAsync(_id, "Render", TimeSpan.FromSeconds(60));
        (response, reader) = await LiveStreams.OpenAsync(_http, _id, _sseBefore[^1].Id);
        using (response)
        using (reader)
        {
            var sse = LiveStreams.ReadUntilAsync(reader, e => e.Entered("Complete"));
            await hub.InvokeAsync("Resume", _id.ToString(), _hubBefore[^1].Id);
            _hubAfter = await hubUntil(e => e.Entered("Complete"));
            _sseAfter = await sse;
        }

        _status = await _deployment.WaitForEndAsync(_id, TimeSpan.FromMinutes(3));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Callbacks().Any(r => r.Body.Contains("\"video.completed\"", StringComparison.Ordinal)))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"video.completed never reached the callback.\n{_deployment.Logs()}");
            await Task.Delay(100);
        }
    }

    [OneTimeTearDown]
    public async Task StopDeployment()
    {
        _http?.Dispose();
        if (_deployment is not null)
            await _deployment.DisposeAsync();
        if (_receiver is not null)
            await _receiver.DisposeAsync();
        _signingKey?.Dispose();
    }

    private HttpRequestMessage Traced(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("traceparent", $"00-{_traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        return request;
    }

    private IReadOnlyList<ReceivedWebhook> Callbacks() => _receiver.At("/ok/callback");

    [Test]
    public async Task Should_complete_a_video_across_gateway_orchestrator_and_every_worker()
    {
        Assert.That(_status.GetProperty("state").GetString(), Is.EqualTo("Complete"), _status.ToString());
        var mp4 = await _http.GetByteArrayAsync($"/v1/videos/{_id}/content");
        Assert.That(mp4.Length, Is.GreaterThan(10_000));
        await AssertObservableAsync();
    }

    /// <summary>Every service serves /metrics under its role's name; the orchestrator counted the video; the render worker's JSON log carries the caller's trace.</summary>
    private async Task AssertObservableAsync()
    {
        using var scraper = new HttpClient();
        var roles = new[] { ServiceRole.Gateway }.Concat(ServiceRole.Pipeline).ToList();
        var scrapes = new Dictionary<string, string>();
        foreach (var role in roles)
            scrapes[role.Name] = await scraper.GetStringAsync(new Uri(_deployment.Of(role).First().Address, "/metrics"));
        var renderLog = File.ReadAllLines(_deployment.Of(ServiceRole.Render).First().LogFile)
            .Where(l => l.StartsWith('{') && l.Contains("Rendering shot", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement)
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
                Assert.That(entry.GetProperty("logging.googleapis.com/labels").GetProperty("videoId").GetString(), Is.EqualTo(_id.ToString()));
                Assert.That(entry.GetProperty("logging.googleapis.com/trace").GetString(), Is.EqualTo($"projects/{Emulators.Project}/traces/{_traceId}"));
                Assert.That(entry.GetProperty("logging.googleapis.com/spanId").GetString(), Has.Length.EqualTo(16));
            }
        });
    }

    [Test]
    public async Task Should_redirect_content_to_a_signed_url_valid_fifteen_minutes_when_the_gateway_can_sign()
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _deployment.Gateway!.Address };
        noRedirects.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayProcess.BootstrapKey);
        var response = await noRedirects.GetAsync($"/v1/videos/{_id}/content");

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

    [Test]
    public void Should_stream_every_stage_change_over_sse_from_the_bus_and_resume_after_the_last_event_id()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_stateWhenFollowed, Is.Not.EqualTo("AwaitingApproval"), "the stream opened before the stages it must see");
            Assert.That(LiveStreams.Stages(_sseBefore), Is.EqualTo(BeforeApproval), "every stage up to the approval, as it happened");
            Assert.That(_sseBefore.Any(e => e.Name == "progress"), Is.True);
            Assert.That(_sseAfter[0].Name, Is.AnyOf("state", "approval"), "nothing from before the last event id again");
            Assert.That(LiveStreams.Stages(_sseAfter), Is.EqualTo(AfterApproval), "every stage after the last one seen, once");
            Assert.That(_sseAfter.Single(e => e.Name == "approval").Data.GetProperty("decision").GetProperty("role").GetString(), Is.EqualTo("client"));
            Assert.That(_sseAfter.Select(e => e.Id).Concat(_sseBefore.Select(e => e.Id)), Is.Unique);
        });
    }

    [Test]
    public void Should_push_every_stage_change_to_a_hub_subscriber_from_the_bus_and_resume_after_the_last_id()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LiveStreams.Stages(_hubBefore), Is.EqualTo(BeforeApproval));
            Assert.That(_hubBefore.Any(e => e.Name == "progress"), Is.True);
            Assert.That(LiveStreams.Stages(_hubAfter), Is.EqualTo(AfterApproval));
            Assert.That(_hubAfter.Single(e => e.Name == "approval").Data.GetProperty("decision").GetProperty("role").GetString(), Is.EqualTo("client"));
            Assert.That(_hubAfter.Select(e => e.Id).Concat(_hubBefore.Select(e => e.Id)), Is.Unique);
        });
    }

    [Test]
    public void Should_deliver_the_callback_webhooks_of_a_video_that_ran_over_pubsub_each_signed()
    {
        var now = DateTimeOffset.UtcNow;
        var received = Callbacks();
        var payloads = received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        var types = payloads.Select(p => p.GetProperty("type").GetString()).ToList();
        Assert.Multiple(() =>
        {
            foreach (var request in received)
                Assert.That(StandardWebhooksVerifier.Verify(_callbackSecret, request, now), Is.True, $"{request.Id}: the signature does not verify");
            Assert.That(received.Select(r => r.Id), Is.Unique, "each event once");
            Assert.That(payloads.Select(p => p.GetProperty("data").GetProperty("videoId").GetGuid()), Is.All.EqualTo(_id));
            Assert.That(types, Does.Contain("video.approval_requested").And.Contain("video.approved"));
            Assert.That(types.Count(t => t == "video.completed"), Is.EqualTo(1));
            Assert.That(payloads.Where(p => p.GetProperty("type").GetString() == "video.state_changed").Select(p => p.GetProperty("data").GetProperty("to").GetString()),
                Is.SupersetOf(new[] { "InputSanitizer", "Render", "Complete" }));
        });
    }
}
