using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Auth;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The embedded gateway with its SQLite file: threaded, anchored comments on a video waiting at its storyboard, kept
/// across a restart of the gateway; authors change only their own; the audit trail shows who did what, to admins only.
/// </summary>
[Category("EndToEnd")]
public class When_reviewers_comment_through_the_gateway
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("aiprod-gw-comments-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<WebApplication> StartAsync()
    {
        var app = GatewayApp.Build([.. InProcessGateway.Settings(_folder)]);
        await app.StartAsync();
        return app;
    }

    private string _aliceSecret = null!;

    private static async Task<HttpClient> Client(WebApplication app, string scopes, string owner) =>
        GatewayProcess.Client(InProcessGateway.Address(app), (await app.Services.GetRequiredService<ApiKeys>().CreateAsync("test", scopes.Split(','), owner)).Secret);

    /// <summary>Alice's key, made before the restart: she is the same author after it.</summary>
    private HttpClient AliceAgain(WebApplication app) => GatewayProcess.Client(InProcessGateway.Address(app), _aliceSecret);

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    [Test]
    public async Task Should_keep_threads_anchored_to_shots_let_only_authors_change_them_and_audit_every_step()
    {
        Guid id;
        string first;
        string shotId;
        var app = await StartAsync();
        try
        {
            _aliceSecret = (await app.Services.GetRequiredService<ApiKeys>().CreateAsync("alice", ["videos:submit", "videos:read", "videos:comment"], "team-a")).Secret;
            using var alice = AliceAgain(app);
            using var bob = await Client(app, "videos:read,videos:comment", "team-a");
            using var outsider = await Client(app, "videos:read,videos:comment", "team-b");
            using var reader = await Client(app, "videos:read", "team-a");
            var post = await Json(await alice.PostAsJsonAsync("/v1/videos", new
            {
                prompt = "A lighthouse at dusk, waves on the rocks",
                durationSeconds = 2,
                approval = new { roles = new[] { "client" }, points = new[] { "storyboard" } },
            }), HttpStatusCode.Accepted);
            id = post.GetProperty("id").GetGuid();
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while ((await alice.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}")).GetProperty("state").GetString() != "AwaitingApproval")
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the video never reached its storyboard");
                await Task.Delay(100);
            }

            var version = await alice.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}/versions/1");
            shotId = version.GetProperty("shots")[0].GetProperty("shotId").GetString()!;
            var comment = await Json(await alice.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "The first shot feels cold.", shotId, atSeconds = 0.5 }), HttpStatusCode.Created);
            first = comment.GetProperty("id").GetString()!;
            await Json(await bob.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "Agreed, warmer please.", parentId = first }), HttpStatusCode.Created);

            var badShot = await Json(await alice.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "x", shotId = "no-such-shot" }), HttpStatusCode.BadRequest);
            var badParent = await Json(await alice.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "x", parentId = "cm_0000000000000000" }), HttpStatusCode.BadRequest);
            var empty = await Json(await alice.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "  " }), HttpStatusCode.BadRequest);
            Assert.Multiple(() =>
            {
                Assert.That(badShot.GetProperty("errors").TryGetProperty("shotId", out _), Is.True, badShot.ToString());
                Assert.That(badParent.GetProperty("errors").TryGetProperty("parentId", out _), Is.True, badParent.ToString());
                Assert.That(empty.GetProperty("errors").TryGetProperty("text", out _), Is.True, empty.ToString());
            });
            Assert.That((await reader.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "hi" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "writing needs videos:comment");
            await Json(await outsider.GetAsync($"/v1/videos/{id}/comments"), HttpStatusCode.NotFound);
            await Json(await outsider.PostAsJsonAsync($"/v1/videos/{id}/comments", new { text = "hi" }), HttpStatusCode.NotFound);

            using var admin = GatewayProcess.Client(InProcessGateway.Address(app));
            foreach (var other in new[] { bob, admin })
            {
                var notYours = await Json(await other.PatchAsJsonAsync($"/v1/videos/{id}/comments/{first}", new { text = "Edited by someone else" }), HttpStatusCode.Forbidden);
                Assert.That(notYours.GetProperty("errors").TryGetProperty("commentId", out _), Is.True, notYours.ToString());
                await Json(await other.DeleteAsync($"/v1/videos/{id}/comments/{first}"), HttpStatusCode.Forbidden);
            }

            await Json(await alice.PatchAsJsonAsync($"/v1/videos/{id}/comments/{first}", new { text = "The first shot feels cold; try golden hour." }), HttpStatusCode.OK);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        // A restart of the gateway: the comments and the trail are in its SQLite file.
        app = await StartAsync();
        try
        {
            using var alice = AliceAgain(app);
            var threads = (await alice.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}/comments")).GetProperty("items").EnumerateArray().ToList();
            Assert.Multiple(() =>
            {
                Assert.That(threads, Has.Count.EqualTo(1), "one thread");
                Assert.That(threads[0].GetProperty("text").GetString(), Is.EqualTo("The first shot feels cold; try golden hour."));
                Assert.That(threads[0].GetProperty("editedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
                Assert.That(threads[0].GetProperty("anchor").GetProperty("shotId").GetString(), Is.EqualTo(shotId));
                Assert.That(threads[0].GetProperty("anchor").GetProperty("atSeconds").GetDouble(), Is.EqualTo(0.5));
                Assert.That(threads[0].GetProperty("version").GetInt32(), Is.EqualTo(1));
                Assert.That(threads[0].GetProperty("replies")[0].GetProperty("text").GetString(), Is.EqualTo("Agreed, warmer please."));
            });

            await Json(await alice.DeleteAsync($"/v1/videos/{id}/comments/{first}"), HttpStatusCode.NoContent);
            await Json(await alice.DeleteAsync($"/v1/videos/{id}/comments/{first}"), HttpStatusCode.NotFound);
            var afterDelete = (await alice.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}/comments")).GetProperty("items")[0];
            Assert.That(afterDelete.GetProperty("text").GetString(), Is.Empty, "the text is gone");
            Assert.That(afterDelete.GetProperty("replies").GetArrayLength(), Is.EqualTo(1), "the reply keeps its thread");

            var forbidden = await alice.GetAsync($"/v1/audit?videoId={id}");
            Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the trail is for admins");
            using var admin = GatewayProcess.Client(InProcessGateway.Address(app));
            var trail = (await admin.GetFromJsonAsync<JsonElement>($"/v1/audit?videoId={id}")).GetProperty("items").EnumerateArray()
                .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString()!.Split(' ')[0])).Reverse().ToList();
            Assert.That(trail, Is.EqualTo(new[]
            {
                ("video.submitted", "team-a"), ("comment.created", "team-a"), ("comment.created", "team-a"),
                ("comment.edited", "team-a"), ("comment.deleted", "team-a"),
            }));
            var keys = (await admin.GetFromJsonAsync<JsonElement>("/v1/audit?limit=500")).GetProperty("items").EnumerateArray()
                .Count(e => e.GetProperty("action").GetString() == "key.created");
            Assert.That(keys, Is.EqualTo(4), "every key made for this test is in the trail");
            var bad = await Json(await admin.GetAsync("/v1/audit?videoId=nope&sort=asc"), HttpStatusCode.BadRequest);
            Assert.That(bad.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "videoId", "sort" }));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
