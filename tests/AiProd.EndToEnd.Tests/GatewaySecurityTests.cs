using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using AiProd.Auth;
using AiProd.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AiProd.EndToEnd.Tests;

/// <summary>
/// The real gateway on loopback Kestrel with authentication as shipped: API keys from its SQLite store, the bootstrap
/// key, and JWT bearer tokens signed with a configured key. Nobody gets in without a key, nobody sees another's videos.
/// </summary>
[Category("EndToEnd")]
public class When_clients_call_the_gateway_with_and_without_keys
{
    private const string SigningKey = "a-test-signing-key-of-at-least-32-bytes!";
    private const string Audience = "aiprod-api";
    private WebApplication _app = null!;
    private string _folder = null!;
    private Uri _address = null!;
    private ApiKeys _keys = null!;

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-gw-auth-").FullName;
        // Every valid video fails at its cost estimate: these tests are about who sees what, not about rendering.
        _app = GatewayApp.Build([.. InProcessGateway.Settings(_folder), "--Financial:PricesPerSecondUsd:local", "1000",
            "--Auth:Jwt:SigningKey", SigningKey, "--Auth:Jwt:Audience", Audience, "--Auth:Jwt:Issuer", "https://issuer.test"]);
        await _app.StartAsync();
        _address = InProcessGateway.Address(_app);
        _keys = _app.Services.GetRequiredService<ApiKeys>();
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> NewKey(string scopes, string? owner = null) =>
        (await _keys.CreateAsync("test", scopes.Split(','), owner)).Secret;

    private HttpClient Anonymous() => new() { BaseAddress = _address };

    private static async Task<Guid> Submit(HttpClient http, string prompt = "A red kite over green hills")
    {
        var post = await http.PostAsJsonAsync("/v1/videos", new { prompt, durationSeconds = 2 });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await post.Content.ReadAsStringAsync());
        return (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [TestCase("POST")]
    [TestCase("GET")]
    public async Task Should_refuse_a_request_without_a_key_with_401_and_a_bearer_challenge(string method)
    {
        using var http = Anonymous();
        using var request = new HttpRequestMessage(new HttpMethod(method), "/v1/videos") { Content = method == "POST" ? JsonContent.Create(new { prompt = "A calm lake at dawn" }) : null };
        var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
        Assert.That((await Problem(response)).GetProperty("errors").TryGetProperty("Authorization", out _), Is.True);
    }

    [TestCase("Authorization", "Bearer ak_0123456789abcdef.not-the-secret")]
    [TestCase("Authorization", "Basic dXNlcjpwYXNz")]
    [TestCase("X-Api-Key", "guess")]
    public async Task Should_refuse_a_bad_key_with_401_naming_the_header(string header, string value)
    {
        using var http = Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/videos");
        request.Headers.TryAddWithoutValidation(header, value);
        var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await Problem(response)).GetProperty("errors").TryGetProperty(header, out _), Is.True);
    }

    [Test]
    public async Task Should_accept_a_stored_key_in_either_header_and_refuse_it_once_revoked()
    {
        var (key, secret) = await _keys.CreateAsync("revocable", [ApiKeyScopes.Read], null);
        using var http = Anonymous();
        using var viaHeader = new HttpRequestMessage(HttpMethod.Get, "/v1/videos");
        viaHeader.Headers.Add("X-Api-Key", secret);
        Assert.That((await http.SendAsync(viaHeader)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var bearer = GatewayProcess.Client(_address, secret);
        Assert.That((await bearer.GetAsync("/v1/videos")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await _keys.RevokeAsync(key.Id);
        Assert.That((await bearer.GetAsync("/v1/videos")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Should_answer_403_naming_the_missing_scope()
    {
        using var reader = GatewayProcess.Client(_address, await NewKey(ApiKeyScopes.Read));
        var response = await reader.PostAsJsonAsync("/v1/videos", new { prompt = "A calm lake at dawn" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var problem = await Problem(response);
        Assert.That(problem.GetProperty("requiredScope").GetString(), Is.EqualTo(ApiKeyScopes.Submit));
        Assert.That(problem.GetProperty("errors").GetProperty("Authorization")[0].GetString(), Does.Contain(ApiKeyScopes.Submit));

        using var writer = GatewayProcess.Client(_address, await NewKey(ApiKeyScopes.Submit));
        Assert.That((await writer.GetAsync("/v1/videos")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "submitting does not imply reading");
    }

    [Test]
    public async Task Should_show_each_owner_only_its_videos_and_answer_404_for_anothers()
    {
        using var alice = GatewayProcess.Client(_address, await NewKey("videos:submit,videos:read"));
        using var bob = GatewayProcess.Client(_address, await NewKey("videos:submit,videos:read"));
        using var admin = GatewayProcess.Client(_address);
        var alices = new List<Guid>();
        for (var i = 0; i < 3; i++)
            alices.Add(await Submit(alice, $"Alice's sunrise over a quiet bay, take {i}"));
        var bobs = await Submit(bob, "Bob's paper boat on a rainy street");

        foreach (var path in new[] { $"/v1/videos/{alices[0]}", $"/v1/videos/{alices[0]}/content", $"/v1/videos/{alices[0]}/manifest" })
        {
            var response = await bob.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
            var unknown = await bob.GetAsync(path.Replace(alices[0].ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal));
            Assert.That((await Problem(response)).GetProperty("title").GetString(), Is.EqualTo((await Problem(unknown)).GetProperty("title").GetString()),
                "another owner's video reads exactly like one that does not exist");
        }

        Assert.That((await alice.GetAsync($"/v1/videos/{alices[0]}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitStored(admin, [.. alices, bobs]);

        // Pages of one: a filter applied after the store's query would hand alice empty pages among bob's and the admin's.
        Assert.That(await AllIds(alice, 1), Is.EqualTo(Enumerable.Reverse(alices)));
        Assert.That(await AllIds(bob, 1), Is.EqualTo(new[] { bobs }));
        Assert.That(await AllIds(admin, 100), Is.SupersetOf(alices.Append(bobs)), "an administrator sees everyone's");
    }

    [Test]
    public async Task Should_accept_a_jwt_signed_by_the_configured_key_with_owner_from_sub_and_scopes_from_scope()
    {
        using var carol = GatewayProcess.Client(_address, Token("carol", "videos:submit videos:read"));
        var id = await Submit(carol, "Carol's windmill in a golden field");
        Assert.That((await carol.GetAsync($"/v1/videos/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var dave = GatewayProcess.Client(_address, Token("dave", "videos:read"));
        Assert.That((await dave.GetAsync($"/v1/videos/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "sub is the owner");
        Assert.That((await dave.PostAsJsonAsync("/v1/videos", new { prompt = "A calm lake at dawn" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        foreach (var bad in new[] { Token("carol", "videos:read", expires: DateTime.UtcNow.AddMinutes(-5)), Token("carol", "videos:read", audience: "someone-else"),
            Token("carol", "videos:read", key: "another-signing-key-of-at-least-32-bytes") })
        {
            using var refused = GatewayProcess.Client(_address, bad);
            var response = await refused.GetAsync("/v1/videos");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await response.Content.ReadAsStringAsync()), Does.Not.Contain("IDX"), "no library internals");
        }
    }

    [Test]
    public async Task Should_keep_health_open_and_send_security_headers_but_no_server_header()
    {
        using var http = Anonymous();
        foreach (var path in new[] { "/health", "/alive" })
            Assert.That((await http.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK), path);

        var response = await http.GetAsync("/v1/videos");
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Contains("Server"), Is.False);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
            Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
            Assert.That(string.Join(";", response.Headers.GetValues("Content-Security-Policy")), Does.Contain("frame-ancestors 'none'").And.Contain("default-src 'none'"));
        });
    }

    [Test]
    public async Task Should_answer_no_cross_origin_request_unless_origins_are_configured()
    {
        using var http = Anonymous();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/videos");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await http.SendAsync(preflight);
        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task Should_give_new_videos_random_ids_that_reveal_nothing_about_others()
    {
        using var admin = GatewayProcess.Client(_address);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
            ids.Add(await Submit(admin, $"A lantern floating on a dark lake, take {i}"));

        Assert.Multiple(() =>
        {
            Assert.That(ids.Select(id => id.Version), Is.All.EqualTo(4), "RFC 9562 version 4: random");
            // Time-ordered ids share their leading bytes when made in the same second; random ones do not.
            Assert.That(ids.Select(id => id.ToString()[..8]).Distinct().Count(), Is.EqualTo(ids.Count));
        });
    }

    private static string Token(string subject, string scope, DateTime? expires = null, string audience = Audience, string key = SigningKey) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("scope", scope)]),
            Issuer = "https://issuer.test",
            Audience = audience,
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            IssuedAt = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    private static async Task<List<Guid>> AllIds(HttpClient http, int pageSize)
    {
        var ids = new List<Guid>();
        string? token = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/v1/videos?pageSize={pageSize}{(token is null ? "" : $"&pageToken={token}")}");
            var items = page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()).ToList();
            token = page.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (token is not null)
                Assert.That(items, Has.Count.EqualTo(pageSize), "every page but the last is full");
            ids.AddRange(items);
        }
        while (token is not null);

        return ids;
    }

    /// <summary>Waits until the saga has stored every video (listing reads the store only).</summary>
    private static async Task WaitStored(HttpClient admin, IReadOnlyCollection<Guid> ids)
    {
        for (var i = 0; i < 100 && !(await AllIds(admin, 100)).ToHashSet().IsSupersetOf(ids); i++)
            await Task.Delay(100);
    }
}
