using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Auth;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests.Webhooks;

/// <summary>
/// One embedded gateway (loopback receivers allowed, a retry schedule of milliseconds) and one receiver: a video with
/// a callback URL and four standing subscriptions (all events; and video.completed only to a receiver that fails
/// twice, one that always fails, one that is gone). Every delivery is checked with the spec's algorithm.
/// </summary>
[Category("EndToEnd")]
public class When_webhooks_are_delivered
{
    private const int Retries = 3;
    private string _folder = null!;
    private WebApplication _gateway = null!;
    private WebhookReceiver _receiver = null!;
    private HttpClient _alice = null!;
    private readonly Dictionary<string, (string Id, string Secret)> _hooks = [];
    private Guid _video;

    [OneTimeSetUp]
    public async Task StartAndRunOneVideo()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gw-webhooks-").FullName;
        _receiver = await WebhookReceiver.StartAsync();
        _gateway = GatewayApp.Build([.. InProcessGateway.Settings(_folder),
            "--Webhooks:AllowLoopback", "true", "--Webhooks:PollInterval", "00:00:00.020",
            "--Webhooks:RetrySchedule:0", "00:00:00.010", "--Webhooks:RetrySchedule:1", "00:00:00.020", "--Webhooks:RetrySchedule:2", "00:00:00.030"]);
        await _gateway.StartAsync();
        var key = await _gateway.Services.GetRequiredService<ApiKeys>().CreateAsync("alice", [ApiKeyScopes.Submit, ApiKeyScopes.Read], "team-a");
        _alice = GatewayProcess.Client(InProcessGateway.Address(_gateway), key.Secret);

        foreach (var (path, types) in new[] { ("/ok/all", Array.Empty<string>()), ("/flaky", ["video.completed"]), ("/down", ["video.completed"]), ("/gone", new[] { "video.completed" }) })
        {
            var created = await Json(await _alice.PostAsJsonAsync("/v1/webhooks", new { url = new Uri(_receiver.Address, path), eventTypes = types }), HttpStatusCode.Created);
            _hooks[path] = (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
        }

        var post = await Json(await _alice.PostAsJsonAsync("/v1/videos", new
        {
            prompt = "A paper boat drifting down a rainy street",
            durationSeconds = 2,
            callbackUrl = new Uri(_receiver.Address, "/ok/callback"),
        }), HttpStatusCode.Accepted);
        _video = post.GetProperty("id").GetGuid();
        var callback = post.GetProperty("callback");
        _hooks["/ok/callback"] = (callback.GetProperty("id").GetString()!, callback.GetProperty("secret").GetString()!);

        await Until(async () => (await _alice.GetFromJsonAsync<JsonElement>($"/v1/videos/{_video}")).GetProperty("state").GetString() is "Complete" or "Failed", "the video never finished");
        await Until(() => Task.FromResult(Types("/ok/all").Contains("video.completed") && Types("/ok/callback").Contains("video.completed")
            && _receiver.At("/flaky").Count >= 3 && _receiver.At("/down").Count >= Retries + 1 && _receiver.At("/gone").Count >= 1), "the webhooks never arrived");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _alice?.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await _receiver.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Should_sign_every_delivery_as_standard_webhooks_do()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.That(_receiver.Received, Is.Not.Empty);
        foreach (var request in _receiver.Received)
        {
            var secret = _hooks[request.Path].Secret;
            Assert.That(StandardWebhooksVerifier.Verify(secret, request, now), Is.True, $"{request.Path} {request.Id}: the signature does not verify");
            Assert.That(StandardWebhooksVerifier.Verify(_hooks.Values.First(h => h.Secret != secret).Secret, request, now), Is.False, "another subscription's secret verified it");
        }
    }

    [Test]
    public void Should_send_each_event_once_with_its_type_and_video()
    {
        foreach (var path in new[] { "/ok/all", "/ok/callback" })
        {
            var received = _receiver.At(path);
            Assert.That(received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(received.Count), $"{path} got a webhook-id twice");
            var payloads = received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
            Assert.That(payloads.Select(p => p.GetProperty("data").GetProperty("videoId").GetGuid()), Is.All.EqualTo(_video));
            Assert.That(payloads.Count(p => p.GetProperty("type").GetString() == "video.completed"), Is.EqualTo(1), path);
            var states = payloads.Where(p => p.GetProperty("type").GetString() == "video.state_changed").Select(p => p.GetProperty("data").GetProperty("to").GetString()).ToList();
            Assert.That(states, Does.Contain("Render").And.Contain("Complete"), path);
        }
    }

    [Test]
    public async Task Should_deliver_on_the_third_try_after_two_failures()
    {
        var hits = _receiver.At("/flaky");
        Assert.That(hits, Has.Count.EqualTo(3));
        Assert.That(hits.Select(h => h.Id).Distinct().Count(), Is.EqualTo(1), "every attempt carries the same webhook-id");
        var delivered = (await Json(await _alice.GetAsync($"/v1/webhooks/{_hooks["/flaky"].Id}/deliveries?status=delivered"), HttpStatusCode.OK)).GetProperty("items");
        Assert.That(delivered.GetArrayLength(), Is.EqualTo(1));
        Assert.That(delivered[0].GetProperty("attempts").GetInt32(), Is.EqualTo(3));
        Assert.That(delivered[0].GetProperty("id").GetString(), Is.EqualTo(hits[0].Id));
    }

    [Test]
    public async Task Should_park_after_the_last_attempt_show_it_and_resend_it()
    {
        var id = _hooks["/down"].Id;
        var parked = (await Json(await _alice.GetAsync($"/v1/webhooks/{id}/deliveries?status=parked"), HttpStatusCode.OK)).GetProperty("items");
        Assert.That(parked.GetArrayLength(), Is.EqualTo(1));
        Assert.That(parked[0].GetProperty("attempts").GetInt32(), Is.EqualTo(Retries + 1));
        Assert.That(parked[0].GetProperty("lastStatusCode").GetInt32(), Is.EqualTo(500));
        Assert.That(_receiver.At("/down"), Has.Count.EqualTo(Retries + 1));

        var deliveryId = parked[0].GetProperty("id").GetString();
        await Json(await _alice.PostAsync($"/v1/webhooks/{id}/deliveries/{deliveryId}/resend", null), HttpStatusCode.Accepted);
        await Until(() => Task.FromResult(_receiver.At("/down").Count >= 2 * (Retries + 1)), "the resent delivery was not tried again");
        Assert.That(_receiver.At("/down").Select(r => r.Id).Distinct().Single(), Is.EqualTo(deliveryId));
    }

    [Test]
    public async Task Should_disable_a_subscription_whose_receiver_is_gone()
    {
        var id = _hooks["/gone"].Id;
        Assert.That(_receiver.At("/gone"), Has.Count.EqualTo(1), "a 410 is not retried");
        var hook = await Json(await _alice.GetAsync($"/v1/webhooks/{id}"), HttpStatusCode.OK);
        Assert.That(hook.GetProperty("active").GetBoolean(), Is.False);
        Assert.That(hook.GetProperty("disabledReason").GetString(), Is.EqualTo("gone"));
        Assert.That(hook.TryGetProperty("secret", out _), Is.False, "the secret is shown at creation only");
        var parked = (await Json(await _alice.GetAsync($"/v1/webhooks/{id}/deliveries?status=parked"), HttpStatusCode.OK)).GetProperty("items");
        Assert.That(parked[0].GetProperty("lastStatusCode").GetInt32(), Is.EqualTo(410));
    }

    [Test]
    public async Task Should_list_and_delete_standing_subscriptions_of_the_owner_only()
    {
        var key = await _gateway.Services.GetRequiredService<ApiKeys>().CreateAsync("bob", [ApiKeyScopes.Submit, ApiKeyScopes.Read], "team-b");
        using var bob = GatewayProcess.Client(InProcessGateway.Address(_gateway), key.Secret);
        Assert.That((await Json(await bob.GetAsync("/v1/webhooks"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength(), Is.Zero);
        await Json(await bob.GetAsync($"/v1/webhooks/{_hooks["/ok/all"].Id}/deliveries"), HttpStatusCode.NotFound);
        await Json(await bob.DeleteAsync($"/v1/webhooks/{_hooks["/ok/all"].Id}"), HttpStatusCode.NotFound);

        var mine = await Json(await bob.PostAsJsonAsync("/v1/webhooks", new { url = new Uri(_receiver.Address, "/ok/bob") }), HttpStatusCode.Created);
        var bobs = mine.GetProperty("id").GetString();
        Assert.That((await Json(await bob.GetAsync("/v1/webhooks"), HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetString(), Is.EqualTo(bobs));
        await Json(await bob.DeleteAsync($"/v1/webhooks/{bobs}"), HttpStatusCode.NoContent);
        Assert.That((await Json(await bob.GetAsync("/v1/webhooks"), HttpStatusCode.OK)).GetProperty("items").GetArrayLength(), Is.Zero);

        var bad = await Json(await bob.PostAsJsonAsync("/v1/webhooks", new { url = "https://example.com/x", eventTypes = new[] { "video.exploded" } }), HttpStatusCode.BadRequest);
        Assert.That(bad.GetProperty("errors").TryGetProperty("eventTypes", out _), Is.True);
    }

    private IReadOnlyList<string?> Types(string path) =>
        [.. _receiver.At(path).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString())];

    private static async Task Until(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await done())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), what);
            await Task.Delay(50);
        }
    }

    internal static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }
}
