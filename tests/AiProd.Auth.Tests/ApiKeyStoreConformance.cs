using AiProd.Auth;

namespace AiProd.Auth.Tests;

/// <summary>What every API key store must do; each store's class supplies a fresh, empty one per test.</summary>
public abstract class ApiKeyStoreConformance
{
    private ApiKeys _keys = null!;

    protected IApiKeyStore Store { get; private set; } = null!;

    protected abstract Task<IApiKeyStore> CreateStoreAsync();

    protected virtual Task DropStoreAsync() => Task.CompletedTask;

    [SetUp]
    public async Task Fresh()
    {
        Store = await CreateStoreAsync();
        _keys = new ApiKeys(Store, TimeProvider.System);
    }

    [TearDown]
    public Task Drop() => DropStoreAsync();

    [Test]
    public async Task Should_verify_the_secret_it_issued_and_nothing_else()
    {
        var (key, secret) = await _keys.CreateAsync("ci", [ApiKeyScopes.Submit, ApiKeyScopes.Read], "team-a");
        var other = (await _keys.CreateAsync("other", [ApiKeyScopes.Read], null)).Secret;

        var verified = await _keys.VerifyAsync(secret);
        Assert.Multiple(async () =>
        {
            Assert.That(verified?.Id, Is.EqualTo(key.Id));
            Assert.That(verified?.Owner, Is.EqualTo("team-a"));
            Assert.That(verified?.Scopes, Is.EqualTo(new[] { ApiKeyScopes.Submit, ApiKeyScopes.Read }));
            Assert.That(await _keys.VerifyAsync(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')), Is.Null, "one character off");
            Assert.That(await _keys.VerifyAsync(key.Id + other[other.IndexOf('.', StringComparison.Ordinal)..]), Is.Null, "another key's secret on this id");
            Assert.That(await _keys.VerifyAsync("ak_0123456789abcdef.nothing"), Is.Null);
            Assert.That(await _keys.VerifyAsync("not even shaped like a key"), Is.Null);
            Assert.That(secret, Does.StartWith(key.Id + "."));
            Assert.That(key.SecretSha256, Is.EqualTo(ApiKeySecrets.Sha256Hex(secret)).And.Not.Contains(secret[(key.Id.Length + 1)..]));
        });
    }

    [Test]
    public async Task Should_default_the_owner_to_the_keys_own_id()
    {
        var (key, _) = await _keys.CreateAsync("solo", [ApiKeyScopes.Read], null);
        Assert.That((await Store.FindAsync(key.Id))?.Owner, Is.EqualTo(key.Id));
    }

    [Test]
    public async Task Should_list_every_key_oldest_first_with_its_revocation()
    {
        var first = (await _keys.CreateAsync("first", [ApiKeyScopes.Read], null)).Key;
        await Task.Delay(5);
        var second = (await _keys.CreateAsync("second", [ApiKeyScopes.Admin], "ops")).Key;
        Assert.That(await _keys.RevokeAsync(first.Id), Is.True);

        var listed = await _keys.ListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(k => k.Id), Is.EqualTo(new[] { first.Id, second.Id }));
            Assert.That(listed[0].RevokedAt, Is.Not.Null);
            Assert.That(listed[1].RevokedAt, Is.Null);
            Assert.That(listed[1].Name, Is.EqualTo("second"));
            Assert.That(listed[0].CreatedAt, Is.EqualTo(first.CreatedAt).Within(TimeSpan.FromMilliseconds(1)));
        });
    }

    [Test]
    public async Task Should_refuse_a_revoked_key_and_keep_the_first_revocation_time()
    {
        var (key, secret) = await _keys.CreateAsync("leaked", [ApiKeyScopes.Read], null);
        await Store.RevokeAsync(key.Id, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await Store.RevokeAsync(key.Id, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Multiple(async () =>
        {
            Assert.That(await _keys.VerifyAsync(secret), Is.Null);
            Assert.That((await Store.FindAsync(key.Id))?.RevokedAt?.Year, Is.EqualTo(2026));
            Assert.That(await _keys.RevokeAsync("ak_0000000000000000"), Is.False);
        });
    }

    [Test]
    public async Task Should_refuse_a_second_key_with_the_same_id()
    {
        var (key, _) = await _keys.CreateAsync("one", [ApiKeyScopes.Read], null);
        Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateAsync(key with { Name = "twin" }));
        Assert.That((await Store.FindAsync(key.Id))?.Name, Is.EqualTo("one"));
    }

    [TestCase("", "videos:read", null)]
    [TestCase("ok", "", null)]
    [TestCase("ok", "videos:everything", null)]
    [TestCase("ok", "videos:read", " ")]
    public void Should_refuse_bad_settings(string name, string scopes, string? owner) =>
        Assert.ThrowsAsync<ArgumentException>(() => _keys.CreateAsync(name, scopes.Split(',', StringSplitOptions.RemoveEmptyEntries), owner));
}
