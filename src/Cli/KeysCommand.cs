using System.CommandLine;
using System.Globalization;
using AiProd.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Cli;

/// <summary>
/// <c>aiprod keys create|list|revoke</c>: the gateway's API keys, on the store the gateway uses (the same settings:
/// <c>Saga__Store</c>, <c>Saga__ConnectionString</c> — default <c>Data Source=data/aiprod.db</c> from the current
/// folder, as the gateway's — or <c>Auth__Keys__*</c>, and section <c>Firestore</c>).
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "The gateway's SQLite file (default: Auth:Keys:ConnectionString, Saga:ConnectionString, else data/aiprod.db)." };

        var name = new Option<string>("--name") { Description = "What the key is for.", Required = true };
        var scopes = new Option<string>("--scopes") { Description = $"Comma-separated: {string.Join(", ", ApiKeyScopes.All)}.", Required = true };
        var owner = new Option<string?>("--owner") { Description = "Owner of the key's videos (default: the key's own id); keys with one owner share videos." };
        var create = new Command("create", "Create a key and print its secret (shown once).") { name, scopes, owner, db };
        create.SetAction((parse, cancellationToken) => CreateAsync(parse.GetValue(db), parse.GetValue(name)!, parse.GetValue(scopes)!, parse.GetValue(owner), cancellationToken));

        var list = new Command("list", "List every key (never a secret).") { db };
        list.SetAction((parse, cancellationToken) => ListAsync(parse.GetValue(db), cancellationToken));

        var id = new Argument<string>("id") { Description = "The key's id (ak_…)." };
        var revoke = new Command("revoke", "Revoke a key: it authenticates nothing from now on.") { id, db };
        revoke.SetAction((parse, cancellationToken) => RevokeAsync(parse.GetValue(db), parse.GetValue(id)!, cancellationToken));

        return new Command("keys", "Manage the HTTP gateway's API keys.") { create, list, revoke };
    }

    private static async Task<int> CreateAsync(string? db, string name, string scopes, string? owner, CancellationToken cancellationToken)
    {
        var granted = scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ApiKeys.Problems(name, granted, owner) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
                await Console.Error.WriteLineAsync(problem);
            return ExitCodes.Usage;
        }

        var keys = Keys(db);
        if (keys is null)
            return ExitCodes.Usage;
        var (key, secret) = await keys.CreateAsync(name, granted, owner, cancellationToken);
        Console.WriteLine($"Created {key.Id} \"{key.Name}\" (owner {key.Owner}; scopes {string.Join(",", key.Scopes)}).");
        Console.WriteLine("Its secret, shown this once (send it as 'Authorization: Bearer <secret>'):");
        Console.WriteLine(secret);
        return ExitCodes.Ok;
    }

    private static async Task<int> ListAsync(string? db, CancellationToken cancellationToken)
    {
        var keys = Keys(db);
        if (keys is null)
            return ExitCodes.Usage;
        var all = await keys.ListAsync(cancellationToken);
        Console.WriteLine($"{"id",-20} {"name",-24} {"owner",-20} {"scopes",-40} {"created (UTC)",-20} revoked (UTC)");
        foreach (var key in all)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{key.Id,-20} {key.Name,-24} {key.Owner,-20} {string.Join(",", key.Scopes),-40} {key.CreatedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss} {(key.RevokedAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-")}"));
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> RevokeAsync(string? db, string id, CancellationToken cancellationToken)
    {
        var keys = Keys(db);
        if (keys is null)
            return ExitCodes.Usage;
        if (!await keys.RevokeAsync(id, cancellationToken))
        {
            await Console.Error.WriteLineAsync($"No key has the id '{id}'; 'aiprod keys list' shows them.");
            return ExitCodes.Failed;
        }

        Console.WriteLine($"Revoked {id}.");
        return ExitCodes.Ok;
    }

    /// <summary>The key service on the gateway's store, configured from the environment as the gateway is; null (reported) when unusable.</summary>
    private static ApiKeys? Keys(string? db)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (db is not null)
            configuration[$"{ApiKeyStoreOptions.Section}:ConnectionString"] = $"Data Source={db}";
        try
        {
            return new ServiceCollection().AddApiKeyStore(configuration).BuildServiceProvider().GetRequiredService<ApiKeys>();
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }
}
