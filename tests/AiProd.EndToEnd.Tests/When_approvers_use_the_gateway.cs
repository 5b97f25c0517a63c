using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Auth;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The embedded gateway on loopback Kestrel with a video that needs a client's and legal's approval at the storyboard
/// and at the final cut: the approvers answer over HTTP, one rejection makes version 2, and the video is delivered.
/// </summary>
[Category("EndToEnd")]
public class When_approvers_use_the_gateway
{
    private WebApplication _app = null!;
    private string _folder = null!;
    private HttpClient _team = null!;

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gw-approval-").FullName;
        _app = GatewayApp.Build([.. InProcessGateway.Settings(_folder)]);
        await _app.StartAsync();
        _team = await Client("videos:submit,videos:read,videos:approve", "team-a");
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _team.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<HttpClient> Client(string scopes, string owner)
    {
        var key = await _app.Services.GetRequiredService<ApiKeys>().CreateAsync("test", scopes.Split(','), owner);
        return GatewayProcess.Client(InProcessGateway.Address(_app), key.Secret);
    }

    private static object Request(params string[] points) => new
    {
        prompt = "A lighthouse at dusk, waves on the rocks",
        durationSeconds = 2,
        approval = new { roles = new[] { "client", "legal" }, points },
    };

    private async Task<Guid> Submit(params string[] points)
    {
        var post = await _team.PostAsJsonAsync("/v1/videos", Request(points));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await post.Content.ReadAsStringAsync());
        return (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> WaitFor(Guid id, Func<JsonElement, bool> until, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        JsonElement status;
        do
        {
            status = await _team.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}");
            if (until(status))
                return status;
            Assert.That(status.GetProperty("state").GetString(), Is.Not.EqualTo("Failed"), status.ToString());
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"The video never reached {what}: {status}");
        return status;
    }

    private Task<JsonElement> Waiting(Guid id, string point, int version) =>
        WaitFor(id, s => s.GetProperty("state").GetString() == "AwaitingApproval"
            && s.GetProperty("approval").GetProperty("point").GetString() == point
            && s.GetProperty("approval").GetProperty("version").GetInt32() == version, $"{point} approval of version {version}");

    private Task<HttpResponseMessage> Decide(HttpClient http, Guid id, string verb, object body) => http.PostAsJsonAsync($"/v1/videos/{id}/{verb}", body);

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Test]
    public async Task Should_wait_at_each_point_make_version_2_on_a_rejection_and_deliver_once_all_approved()
    {
        var id = await Submit("storyboard", "final");
        var waiting = await Waiting(id, "storyboard", 1);
        Assert.Multiple(() =>
        {
            Assert.That(waiting.GetProperty("approval").GetProperty("remainingRoles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "client", "legal" }));
            Assert.That(waiting.GetProperty("request").GetProperty("approval").GetProperty("onDeadline").GetString(), Is.EqualTo("fail"));
            Assert.That(waiting.GetProperty("cost").GetProperty("estimatedUsd").GetDecimal(), Is.GreaterThan(0m), "approvers see the estimate");
            Assert.That(waiting.GetProperty("renders").GetArrayLength(), Is.Zero, "nothing is rendered before the storyboard is approved");
        });

        var approved = await Decide(_team, id, "approve", new { role = "client", comment = "Looks good." });
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await approved.Content.ReadAsStringAsync());
        var answer = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(answer.GetProperty("by").GetString(), Does.StartWith("team-a"));
        await WaitFor(id, s => s.GetProperty("approvals").GetArrayLength() == 1, "the client's approval");
        var again = await Problem(await Decide(_team, id, "approve", new { role = "client" }), HttpStatusCode.Conflict);
        Assert.That(again.GetProperty("errors").TryGetProperty("role", out _), Is.True, again.ToString());

        var rejected = await Decide(_team, id, "reject", new { role = "legal", comment = "No brand logos on the lighthouse.", version = 1 });
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await rejected.Content.ReadAsStringAsync());
        await Waiting(id, "storyboard", 2);
        foreach (var role in new[] { "client", "legal" })
            Assert.That((await Decide(_team, id, "approve", new { role, version = 2 })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        await Waiting(id, "final", 2);
        foreach (var role in new[] { "legal", "client" })
            Assert.That((await Decide(_team, id, "approve", new { role, point = "final" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var done = await WaitFor(id, s => s.GetProperty("state").GetString() == "Complete", "Complete");

        var decisions = done.GetProperty("approvals").EnumerateArray()
            .Select(a => (a.GetProperty("point").GetString(), a.GetProperty("version").GetInt32(), a.GetProperty("role").GetString(), a.GetProperty("approved").GetBoolean())).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(decisions, Is.EquivalentTo(new[]
            {
                ("storyboard", 1, "client", true), ("storyboard", 1, "legal", false),
                ("storyboard", 2, "client", true), ("storyboard", 2, "legal", true),
                ("final", 2, "legal", true), ("final", 2, "client", true),
            }));
            Assert.That(done.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(done.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("stage").GetString() == "AwaitingApproval"), Is.EqualTo(3));
        });

        var late = await Problem(await Decide(_team, id, "approve", new { role = "client" }), HttpStatusCode.Conflict);
        Assert.That(late.GetProperty("code").GetString(), Is.EqualTo("not_awaiting_approval"));

        await Should_keep_both_versions_and_say_what_changed(id);
    }

    private async Task Should_keep_both_versions_and_say_what_changed(Guid id)
    {
        var versions = (await _team.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}/versions")).GetProperty("items").EnumerateArray().ToList();
        var first = await _team.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}/versions/1");
        var diff = await _team.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}/versions/diff?from=1&to=2");
        var video = await _team.GetAsync($"/v1/videos/{id}/versions/2/content");
        var bytes = await video.Content.ReadAsByteArrayAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(versions.Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("current").GetBoolean())), Is.EqualTo(new[] { (1, false), (2, true) }));
            Assert.That(versions[0].GetProperty("outcome").GetString(), Is.EqualTo("rejected at storyboard by legal"));
            Assert.That(versions[0].GetProperty("approvals").GetArrayLength(), Is.EqualTo(2), "version 1 keeps its two decisions");
            Assert.That(first.GetProperty("shots").GetArrayLength(), Is.GreaterThan(0), "version 1 keeps its plan");
            Assert.That(first.GetProperty("estimate").GetProperty("estimatedUsd").GetDecimal(), Is.GreaterThan(0m));
            Assert.That(first.GetProperty("direction").GetProperty("scenes").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(diff.GetProperty("changes").GetArrayLength(), Is.GreaterThan(0), diff.ToString());
            Assert.That(diff.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()), Has.Some.StartsWith("costUsd"), "version 1 rendered nothing");
            Assert.That(video.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 4, 4), Is.EqualTo("ftyp"), "an MP4");
            Assert.That((await _team.GetAsync($"/v1/videos/{id}/versions/1/content")).StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "version 1 was never rendered");
            Assert.That((await _team.GetAsync($"/v1/videos/{id}/versions/3")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });

        var badDiff = await Problem(await _team.GetAsync($"/v1/videos/{id}/versions/diff?from=1&to=9"), HttpStatusCode.BadRequest);
        Assert.That(badDiff.GetProperty("errors").TryGetProperty("to", out _), Is.True, badDiff.ToString());
        using var other = await Client("videos:read", "team-b");
        await Problem(await other.GetAsync($"/v1/videos/{id}/versions"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Should_name_the_field_of_every_bad_decision_and_hide_another_owners_video()
    {
        var id = await Submit("storyboard");
        await Waiting(id, "storyboard", 1);

        var stranger = await Problem(await Decide(_team, id, "approve", new { role = "intern" }), HttpStatusCode.BadRequest);
        var noComment = await Problem(await Decide(_team, id, "reject", new { role = "legal" }), HttpStatusCode.BadRequest);
        var oldVersion = await Problem(await Decide(_team, id, "approve", new { role = "legal", version = 7 }), HttpStatusCode.Conflict);
        var unknownField = await Problem(await Decide(_team, id, "approve", new { role = "legal", verdict = "yes" }), HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(stranger.GetProperty("errors").GetProperty("role")[0].GetString(), Does.Contain("client, legal"));
            Assert.That(noComment.GetProperty("errors").TryGetProperty("comment", out _), Is.True);
            Assert.That(oldVersion.GetProperty("errors").GetProperty("version")[0].GetString(), Does.Contain("version 1"));
            Assert.That(unknownField.GetProperty("errors").TryGetProperty("verdict", out _), Is.True);
        });

        using var reader = await Client("videos:read", "team-a");
        Assert.That((await Decide(reader, id, "approve", new { role = "legal" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "approving needs videos:approve");
        using var other = await Client("videos:read,videos:approve", "team-b");
        await Problem(await Decide(other, id, "approve", new { role = "legal" }), HttpStatusCode.NotFound);
        await Problem(await Decide(_team, Guid.NewGuid(), "approve", new { role = "legal" }), HttpStatusCode.NotFound);
        var status = await _team.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}");
        Assert.That(status.GetProperty("approvals").GetArrayLength(), Is.Zero, "no refused decision counted");
    }

    [Test]
    public async Task Should_refuse_an_approval_policy_that_breaks_a_rule_naming_each_field()
    {
        var post = await _team.PostAsJsonAsync("/v1/videos", new
        {
            prompt = "A lighthouse at dusk",
            approval = new { roles = new[] { "Client!" }, points = new[] { "later" }, deadlineSeconds = 5, onDeadline = "shrug" },
        });
        var problem = await Problem(post, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.EquivalentTo(new[] { "approval.roles", "approval.points", "approval.deadlineSeconds", "approval.onDeadline" }), problem.ToString());

        var typed = await Problem(await _team.PostAsJsonAsync("/v1/videos", new { prompt = "A lighthouse at dusk", approval = new { roles = "legal", points = new[] { "final" } } }), HttpStatusCode.BadRequest);
        Assert.That(typed.GetProperty("errors").TryGetProperty("approval.roles", out _), Is.True, typed.ToString());
    }
}
