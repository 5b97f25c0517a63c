using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.V1;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Value = AiProd.SagaStore.Firestore.V1.Value;

namespace AiProd.Auth;

/// <summary>
/// API keys as documents of one Firestore collection (default <c>apiKeys</c>), document id = key id, with typed fields
/// <c>name</c>, <c>owner</c>, <c>scopes</c> (array), <c>secretSha256</c>, <c>createdAt</c> and <c>revokedAt</c> (timestamps).
/// </summary>
public sealed class FirestoreApiKeyStore(FirestoreDocuments documents) : IApiKeyStore, IDisposable
{
    private const int PageSize = 300;

    public FirestoreDocuments Documents => documents;

    public async Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        try
        {
            await documents.CreateAsync(key.Id, ToFields(key), cancellationToken).ConfigureAwait(false);
        }
        catch (FirestorePreconditionFailedException e)
        {
            throw new InvalidOperationException($"An API key with id {key.Id} exists already.", e);
        }
    }

    public async Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        await documents.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } document ? FromDocument(document) : null;

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        var keys = new List<ApiKey>();
        string? after = null;
        while (true)
        {
            var page = await documents.QueryAsync(StructuredQueries.ByName(PageSize, after), cancellationToken).ConfigureAwait(false);
            keys.AddRange(page.Select(FromDocument));
            if (page.Count < PageSize)
                break;
            after = page[^1].Name;
        }

        return [.. keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)];
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await documents.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } document)
                return false;
            var key = FromDocument(document);
            if (key.IsRevoked)
                return true;
            try
            {
                await documents.UpdateAsync(id, ToFields(key with { RevokedAt = at }), document.UpdateTime, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (FirestorePreconditionFailedException) when (attempt < 3)
            {
                // Changed in between (another revoke): read it again.
            }
        }
    }

    public void Dispose() => documents.Dispose();

    private static MapField<string, Value> ToFields(ApiKey key)
    {
        var scopes = new ArrayValue();
        scopes.Values.Add(key.Scopes.Select(s => new Value { StringValue = s }));
        return new MapField<string, Value>
        {
            ["name"] = new Value { StringValue = key.Name },
            ["owner"] = new Value { StringValue = key.Owner },
            ["scopes"] = new Value { ArrayValue = scopes },
            ["secretSha256"] = new Value { StringValue = key.SecretSha256 },
            ["createdAt"] = new Value { TimestampValue = Timestamp.FromDateTimeOffset(key.CreatedAt) },
            ["revokedAt"] = key.RevokedAt is { } revoked
                ? new Value { TimestampValue = Timestamp.FromDateTimeOffset(revoked) }
                : new Value { NullValue = NullValue.NullValue },
        };
    }

    private static ApiKey FromDocument(Document document)
    {
        var f = document.Fields;
        string Text(string name) => f.TryGetValue(name, out var v) ? v.StringValue : string.Empty;
        DateTimeOffset? Time(string name) =>
            f.TryGetValue(name, out var v) && v.ValueTypeCase == Value.ValueTypeOneofCase.TimestampValue ? v.TimestampValue.ToDateTimeOffset() : null;
        var scopes = f.TryGetValue("scopes", out var s) && s.ArrayValue is { } array ? array.Values.Select(v => v.StringValue).ToList() : [];
        return new ApiKey(document.Name[(document.Name.LastIndexOf('/') + 1)..], Text("name"), Text("owner"), scopes, Text("secretSha256"),
            Time("createdAt") ?? DateTimeOffset.MinValue, Time("revokedAt"));
    }
}
