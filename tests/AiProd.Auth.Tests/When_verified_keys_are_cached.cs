using AiProd.Auth;
using Microsoft.Data.Sqlite;

namespace AiProd.Auth.Tests;

/// <summary>
/// The gateway remembers verified keys (<see cref="ApiKeyCache"/>) on a real SQLite store, checked against the keys'
/// change stamp on every request: a revoked key must still stop working at its next request — revoked in the same
/// process or with the CLI (another <see cref="ApiKeys"/> on the same file) — and a wrong secret is never answered from the cache.
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
    public async Task Should_refuse_a_key_revoked_with_the_cli_at_its_next_request_with_no_duration()
    {
        var counting = new CountingStore(Store());
        var keys = new ApiKeys(counting, _clock);
        var cache = new ApiKeyCache(keys, _clock, TimeSpan.Zero);
        var (key, secret) = await keys.CreateAsync("ci", [ApiKeyScopes.Submit], null);
        Assert.That((await cache.VerifyAsync(secret))?.Id, Is.EqualTo(key.Id));
        Assert.That((await cache.VerifyAsync(secret))?.Id, Is.EqualTo(key.Id));
        Assert.That(counting.Finds, Is.EqualTo(1), "a repeat request is answered from the cache: the stamp has not moved");

        // Another process: its own store object, its own connections to the same file, no event reaches this cache.
        Assert.That(await new ApiKeys(Store(), _clock).RevokeAsync(key.Id), Is.True);

        Assert.That(await cache.VerifyAsync(secret), Is.Null, "the revoke moved the stamp: the next request reads the key and refuses it");
    }

    [Test]
    public async Task Should_read_a_key_again_after_any_write_to_the_keys()
    {
        var counting = new CountingStore(Store());
        var keys = new ApiKeys(counting, _clock);
        var cache = new ApiKeyCache(keys, _clock, TimeSpan.Zero);
        var (_, secret) = await keys.CreateAsync("ci", [ApiKeyScopes.Submit], null);
        await cache.VerifyAsync(secret);

        await new ApiKeys(Store(), _clock).CreateAsync("other", [ApiKeyScopes.Read], null);
        await cache.VerifyAsync(secret);

        Assert.That(counting.Finds, Is.EqualTo(2));
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

    private sealed class CountingStore(IApiKeyStore inner) : IApiKeyStore
    {
        public int Finds { get; private set; }

        public Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default) => inner.CreateAsync(key, cancellationToken);

        public Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken = default)
        {
            Finds++;
            return inner.FindAsync(id, cancellationToken);
        }

        public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default) => inner.RevokeAsync(id, at, cancellationToken);

        public ValueTask<long?> ChangeStampAsync(CancellationToken cancellationToken = default) => inner.ChangeStampAsync(cancellationToken);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
