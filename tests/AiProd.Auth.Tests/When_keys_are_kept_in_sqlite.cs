using AiProd.Auth;
using Microsoft.Data.Sqlite;

namespace AiProd.Auth.Tests;

/// <summary>The key store conformance on a SQLite file of its own per test.</summary>
public class When_keys_are_kept_in_sqlite : ApiKeyStoreConformance
{
    private string _path = null!;

    protected override Task<IApiKeyStore> CreateStoreAsync()
    {
        _path = Path.Combine(Path.GetTempPath(), $"aiprod-keys-{Guid.NewGuid():N}", "aiprod.db");
        return Task.FromResult<IApiKeyStore>(new SqliteApiKeyStore($"Data Source={_path}"));
    }

    protected override Task DropStoreAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        return Task.CompletedTask;
    }

    [Test]
    public async Task Should_keep_keys_for_a_new_store_on_the_same_file()
    {
        var (key, secret) = await new ApiKeys(Store, TimeProvider.System).CreateAsync("kept", [ApiKeyScopes.Read], null);
        SqliteConnection.ClearAllPools();
        Assert.That((await new ApiKeys(new SqliteApiKeyStore($"Data Source={_path}"), TimeProvider.System).VerifyAsync(secret))?.Id, Is.EqualTo(key.Id));
    }
}

/// <summary>The key store conformance in memory.</summary>
public class When_keys_are_kept_in_memory : ApiKeyStoreConformance
{
    protected override Task<IApiKeyStore> CreateStoreAsync() => Task.FromResult<IApiKeyStore>(new InMemoryApiKeyStore());
}
