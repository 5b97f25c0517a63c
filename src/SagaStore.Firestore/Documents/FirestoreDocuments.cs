using AiProd.SagaStore.Firestore.V1;
using Google.Protobuf.Collections;
using Grpc.Core;
using Grpc.Net.Client;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace AiProd.SagaStore.Firestore.Documents;

/// <summary>
/// The few Firestore calls the saga store needs, on one collection: get, create-if-absent, compare-and-swap update,
/// delete and a structured query. Owns its gRPC channel; one instance per collection, shared and thread-safe.
/// </summary>
public sealed class FirestoreDocuments : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly V1.Firestore.FirestoreClient _client;
    private readonly Metadata _headers;

    public FirestoreDocuments(FirestoreOptions options)
    {
        Options = options.Clone().Validate();
        _channel = FirestoreChannel.Create(Options);
        _client = new V1.Firestore.FirestoreClient(_channel);
        _headers = FirestoreChannel.Headers(Options);
    }

    public FirestoreOptions Options { get; }

    /// <summary><c>projects/p/databases/d/documents/{collection}</c>.</summary>
    public string CollectionPath => $"{Options.DocumentsRoot}/{Options.Collection}";

    public string NameOf(string documentId) => $"{CollectionPath}/{documentId}";

    /// <summary>The document, or null when there is none.</summary>
    public async Task<Document?> GetAsync(string documentId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _client.GetDocumentAsync(new GetDocumentRequest { Name = NameOf(documentId) }, Call(cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the document; <see cref="FirestorePreconditionFailedException"/> when it already exists. Returns its update time.</summary>
    public Task<Timestamp> CreateAsync(string documentId, MapField<string, Value> fields, CancellationToken cancellationToken = default) =>
        WriteAsync(documentId, fields, new Precondition { Exists = false }, cancellationToken);

    /// <summary>
    /// Replaces the document only if it still has <paramref name="expectedUpdateTime"/>;
    /// <see cref="FirestorePreconditionFailedException"/> when it changed or is gone. Returns the new update time.
    /// </summary>
    public Task<Timestamp> UpdateAsync(string documentId, MapField<string, Value> fields, Timestamp expectedUpdateTime, CancellationToken cancellationToken = default) =>
        WriteAsync(documentId, fields, new Precondition { UpdateTime = expectedUpdateTime }, cancellationToken);

    /// <summary>Deletes the document (no-op when absent), only if it still has <paramref name="expectedUpdateTime"/> when one is given.</summary>
    public async Task DeleteAsync(string documentId, Timestamp? expectedUpdateTime = null, CancellationToken cancellationToken = default)
    {
        var request = new DeleteDocumentRequest { Name = NameOf(documentId) };
        if (expectedUpdateTime is not null)
            request.CurrentDocument = new Precondition { UpdateTime = expectedUpdateTime };
        try
        {
            await _client.DeleteDocumentAsync(request, Call(cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
        {
            throw new FirestorePreconditionFailedException(documentId, PreconditionFailure.Changed, e);
        }
    }

    /// <summary>Runs <paramref name="query"/> over this collection (its <c>from</c> is set here) and returns the documents in order.</summary>
    public async Task<IReadOnlyList<Document>> QueryAsync(StructuredQuery query, CancellationToken cancellationToken = default)
    {
        var scoped = query.Clone();
        scoped.From.Clear();
        scoped.From.Add(new StructuredQuery.Types.CollectionSelector { CollectionId = Options.Collection });
        var request = new RunQueryRequest { Parent = Options.DocumentsRoot, StructuredQuery = scoped };

        using var call = _client.RunQuery(request, Call(cancellationToken));
        var documents = new List<Document>();
        // The real service may stream progress-only responses (read time, done) without a document.
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (response.Document is not null)
                documents.Add(response.Document);
        }

        return documents;
    }

    public void Dispose() => _channel.Dispose();

    private async Task<Timestamp> WriteAsync(string documentId, MapField<string, Value> fields, Precondition precondition, CancellationToken cancellationToken)
    {
        DocumentSize.Ensure(Options.Collection, documentId, fields);
        var document = new Document { Name = NameOf(documentId) };
        document.Fields.Add(fields);
        var request = new CommitRequest
        {
            Database = Options.DatabaseName,
            Writes = { new Write { Update = document, CurrentDocument = precondition } },
        };
        try
        {
            var response = await _client.CommitAsync(request, Call(cancellationToken)).ConfigureAwait(false);
            return response.WriteResults[0].UpdateTime ?? response.CommitTime;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            throw new FirestorePreconditionFailedException(documentId, PreconditionFailure.AlreadyExists, e);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
        {
            throw new FirestorePreconditionFailedException(documentId, PreconditionFailure.Changed, e);
        }
    }

    private CallOptions Call(CancellationToken cancellationToken) =>
        new(_headers, DateTime.UtcNow + Options.CallTimeout, cancellationToken);
}
