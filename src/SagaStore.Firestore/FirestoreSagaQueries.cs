using System.Buffers.Text;
using System.Globalization;
using System.Text;
using AiProd.SagaStore;
using AiProd.SagaStore.Firestore.Documents;
using AiProd.SagaStore.Firestore.Mapping;
using AiProd.SagaStore.Firestore.Saga;
using AiProd.SagaStore.Firestore.V1;
using MassTransit;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace AiProd.SagaStore.Firestore;

/// <summary>
/// Operator reads over the saga collection: one instance by id, and instances newest first, optionally in one state,
/// and optionally of one owner (the top-level <c>owner</c> field), page by page. In production a filter with this order
/// needs the composite indexes (currentState, createdAt desc), (owner, createdAt desc) and (owner, currentState, createdAt desc).
/// </summary>
public sealed class FirestoreSagaQueries<TSaga>(FirestoreSagaStore<TSaga> store) : ISagaQueries<TSaga>
    where TSaga : class, ISagaVersion
{
    public const int MaxPageSize = 500;

    public async Task<TSaga?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        var document = await store.Documents.GetAsync(correlationId.ToString("D"), cancellationToken).ConfigureAwait(false);
        return document is null ? null : store.Mapper.FromDocument(document);
    }

    /// <summary>Instances newest first (by createdAt); <paramref name="pageToken"/> is the previous page's NextPageToken.</summary>
    public async Task<SagaPage<TSaga>> ListAsync(SagaListFilter filter, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        var (page, next) = await QueryPageAsync(filter, pageSize, pageToken, null, cancellationToken).ConfigureAwait(false);
        return new SagaPage<TSaga>(page.Select(store.Mapper.FromDocument).ToList(), next);
    }

    /// <summary>
    /// The same page with a field mask: only <c>createdAt</c> and <c>listSummary</c> of each document cross the wire and
    /// are mapped. A document written before summaries were kept is read whole and summarised here.
    /// </summary>
    public async Task<SagaPage<SagaSummary>> ListSummariesAsync(SagaListFilter filter, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        var summarize = store.Mapper.Summary
            ?? throw new InvalidOperationException($"The Firestore store of {typeof(TSaga).Name} keeps no summaries: give its mapper a summary function.");
        var (page, next) = await QueryPageAsync(filter, pageSize, pageToken, [SagaDocumentMapper.CreatedAtField, SagaDocumentMapper.ListSummaryField], cancellationToken)
            .ConfigureAwait(false);
        var items = new List<SagaSummary>(page.Count);
        foreach (var document in page)
        {
            var documentId = document.Name[(document.Name.LastIndexOf('/') + 1)..];
            var id = Guid.Parse(documentId);
            if (document.Fields.TryGetValue(SagaDocumentMapper.ListSummaryField, out var kept) && kept.ValueTypeCase == Value.ValueTypeOneofCase.StringValue)
            {
                items.Add(new SagaSummary(id, kept.StringValue));
                continue;
            }

            if (await store.Documents.GetAsync(documentId, cancellationToken).ConfigureAwait(false) is { } whole)
                items.Add(new SagaSummary(id, summarize(store.Mapper.FromDocument(whole))));
        }

        return new SagaPage<SagaSummary>(items, next);
    }

    private async Task<(List<Document> Page, string? Next)> QueryPageAsync(SagaListFilter filter, int pageSize, string? pageToken,
        IReadOnlyList<string>? select, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        var equals = new List<(string, string)>();
        if (filter.State is not null)
            equals.Add((SagaDocumentMapper.CurrentStateField, filter.State));
        if (filter.Owner is not null)
            equals.Add((SagaDocumentMapper.OwnerField, filter.Owner));
        var query = StructuredQueries.NewestFirst(SagaDocumentMapper.CreatedAtField, pageSize + 1, equals, pageToken is null ? null : DecodeToken(pageToken), select);
        var documents = await store.Documents.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var page = documents.Take(pageSize).ToList();
        return (page, documents.Count > pageSize ? EncodeToken(page[^1]) : null);
    }

    // The cursor is the last document's (createdAt, name); opaque to callers, base64url of "seconds:nanos:name".
    private static string EncodeToken(Document last)
    {
        var created = last.Fields[SagaDocumentMapper.CreatedAtField].TimestampValue;
        var text = string.Create(CultureInfo.InvariantCulture, $"{created.Seconds}:{created.Nanos}:{last.Name}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    private Cursor DecodeToken(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(':', 3);
            if (parts.Length != 3 || !parts[2].StartsWith(store.Documents.CollectionPath + "/", StringComparison.Ordinal))
                throw new FormatException("not a page token of this collection");
            var created = new Timestamp
            {
                Seconds = long.Parse(parts[0], CultureInfo.InvariantCulture),
                Nanos = int.Parse(parts[1], CultureInfo.InvariantCulture),
            };
            return new Cursor { Values = { new Value { TimestampValue = created }, new Value { ReferenceValue = parts[2] } } };
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"Invalid page token: {e.Message}.", nameof(token), e);
        }
    }
}
