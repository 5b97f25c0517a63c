using AiProd.Auth;
using Microsoft.Data.Sqlite;

namespace AiProd.Auth.Tests;

/// <summary>
/// With <c>Auth:KeyCacheDuration</c> set, the gateway remembers verified keys (<see cref="ApiKeyCache"/>) on a real SQLite store: a revoked key
/// must still stop working — at once when revoked in the same process, within the cache's time when revoked with the
/// CLI (another <see cref="ApiKeys"/> on the same file) — and a wrong secret is never answered from the cache.
/// </summary>
public class When_verified_keys_are_cached
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(1);
    private string _folder = null!;
    private ManualClock _clock = null!;
    private ApiKeys _gatewayKeys = null!;
    private ApiKeyCache _cache = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("aiprod-key-cache-").FullName;
        _clock = new ManualClock();
        _gatewayKeys = new ApiKeys(Store(), _clock);
        _cache = new ApiKeyCache(_gatewayKeys, _clock, Duration);
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Should_refuse_a_key_revoked_in_the_same_process_at_once()
    {
        var (key, secret) = await _gatewayKeys.CreateAsync("ci", [ApiKeyScopes.Submit], null);
        Assert.That((await _cache.VerifyAsync(secret))?.Id, Is.EqualTo(key.Id));

        await _gatewayKeys.RevokeAsync(key.Id);

        Assert.That(await _cache.VerifyAsync(secret), Is.Null, "revoked here: refused on the next request, cache or not");
    }

    [Test]
    public async Task Should_refuse_a_key_revoked_with_the_cli_once_the_cache_time_has_passed()
    {
        var (key, secret) = await _gatewayKeys.CreateAsync("ci", [ApiKeyScopes.Submit], null);
        Assert.That((await _cache.VerifyAsync(secret))?.Id, Is.EqualTo(key.Id));

        Assert.That(await new ApiKeys(Store(), _clock).RevokeAsync(key.Id), Is.True);
        _clock.Advance(Duration);

        Assert.That(await _cache.VerifyAsync(secret), Is.Null, "revoked by another process: refused after at most the cache's duration");
    }

    [Test]
    public async Task Should_never_answer_a_wrong_secret_for_a_cached_key_id()
    {
        var (key, secret) = await _gatewayKeys.CreateAsync("ci", [ApiKeyScopes.Submit], null);
        Assert.That((await _cache.VerifyAsync(secret))?.Id, Is.EqualTo(key.Id));

        var forged = secret[..^4] + (secret.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        Assert.That(await _cache.VerifyAsync(forged), Is.Null);
    }

    private SqliteApiKeyStore Store() => new($"Data Source={Path.Combine(_folder, "aiprod.db")}");

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
