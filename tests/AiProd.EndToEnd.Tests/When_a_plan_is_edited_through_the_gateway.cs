using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiProd.Auth;
using AiProd.EndToEnd.Tests.Webhooks;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The embedded gateway: a video waiting at its final approval gets one shot's prompt edited with If-Match; it comes
/// back as version 2 having rendered that one shot only; a stale ETag is a 412, none a 428; history and audit show it.
/// </summary>
[Category("EndToEnd")]
public class When_a_plan_is_edited_through_the_gateway
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("aiprod-gw-plan-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Should_render_only_the_edited_shot_as_version_2_and_refuse_a_stale_etag()
    {
        var app = GatewayApp.Build([.. InProcessGateway.Settings(_folder)]);
        await app.StartAsync();
        try
        {
            var key = await app.Services.GetRequiredService<ApiKeys>().CreateAsync("dana", [ApiKeyScopes.Submit, ApiKeyScopes.Read, ApiKeyScopes.Approve], "team-d");
            using var dana = GatewayProcess.Client(InProcessGateway.Address(app), key.Secret);
            using var admin = GatewayProcess.Client(InProcessGateway.Address(app));
            var post = await When_webhooks_are_delivered.Json(await dana.PostAsJsonAsync("/v1/videos", new
            {
                prompt = "A lighthouse at dusk, then a gull, then the harbour",
                durationSeconds = 6,
                approval = new { roles = new[] { "client" }, points = new[] { "final" } },
            }), HttpStatusCode.Accepted);
            var id = post.GetProperty("id").GetGuid();
            var first = await Waiting(dana, id, version: 1);
            var rendersBefore = first.GetProperty("renders").GetArrayLength();

            var plan = await dana.GetAsync($"/v1/videos/{id}/plan");
            var etag = plan.Headers.ETag!.ToString();
            var body = await When_webhooks_are_delivered.Json(plan, HttpStatusCode.OK);
            var shots = body.GetProperty("shots");
            Assert.That(shots.GetArrayLength(), Is.GreaterThanOrEqualTo(2));
            var shotId = shots[1].GetProperty("shotId").GetString();
            var edit = new { shots = new[] { new { shotId, prompt = "A white gull gliding over green water" } } };

            await When_webhooks_are_delivered.Json(await dana.PatchAsJsonAsync($"/v1/videos/{id}/plan", edit), (HttpStatusCode)428);
            using (var stale = new HttpRequestMessage(HttpMethod.Patch, $"/v1/videos/{id}/plan") { Content = JsonContent.Create(edit) })
            {
                stale.Headers.TryAddWithoutValidation("If-Match", "\"v1-0000000000000000\"");
                var problem = await When_webhooks_are_delivered.Json(await dana.SendAsync(stale), HttpStatusCode.PreconditionFailed);
                Assert.That(problem.GetProperty("errors").TryGetProperty("If-Match", out _), Is.True);
            }

            using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/videos/{id}/plan") { Content = JsonContent.Create(edit) })
            {
                patch.Headers.TryAddWithoutValidation("If-Match", etag);
                await When_webhooks_are_delivered.Json(await dana.SendAsync(patch), HttpStatusCode.Accepted);
            }

            var second = await Waiting(dana, id, version: 2);
            var renders = second.GetProperty("renders").EnumerateArray().Skip(rendersBefore).ToList();
            Assert.That(renders.Select(r => r.GetProperty("shotId").GetString()), Is.EqualTo(new[] { shotId }), "exactly one new render, of the edited shot; the others are reused");
            Assert.That(second.GetProperty("history").EnumerateArray().Any(h => h.TryGetProperty("outcome", out var o) && o.GetString()?.StartsWith("plan edited by", StringComparison.Ordinal) == true), Is.True);
            var version2 = await dana.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}/plan");
            Assert.That(version2.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(version2.GetProperty("shots")[1].GetProperty("prompt").GetString(), Is.EqualTo("A white gull gliding over green water"));

            var audit = await admin.GetFromJsonAsync<JsonElement>($"/v1/audit?videoId={id}");
            Assert.That(audit.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("action").GetString() == "plan.edited" && e.GetProperty("version").GetInt32() == 1), Is.True);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The status once the video waits at its final approval in <paramref name="version"/> (read from the status itself).</summary>
    private static async Task<JsonElement> Waiting(HttpClient client, Guid id, int version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/v1/videos/{id}");
            var state = status.GetProperty("state").GetString();
            Assert.That(state, Is.Not.EqualTo("Failed"), status.ToString());
            // One read: the status's own version. A second request for the plan could see the edit the saga applied
            // after this status was read, and pair version 2 with version 1's approval wait.
            if (state == "AwaitingApproval" && status.GetProperty("version").GetInt32() == version)
                return status;
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"never waited at version {version}: {state}");
            await Task.Delay(100);
        }
    }
}
