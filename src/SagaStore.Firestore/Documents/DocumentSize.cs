using System.Text;
using AiProd.SagaStore.Firestore.V1;
using Google.Protobuf.Collections;

namespace AiProd.SagaStore.Firestore.Documents;

/// <summary>
/// Firestore's own storage-size rules (cloud.google.com/firestore/docs/storage-size), so an oversized saga is
/// refused here with its id and size rather than by the server with a bare INVALID_ARGUMENT.
/// </summary>
public static class DocumentSize
{
    /// <summary>Firestore's maximum document size: 1 MiB.</summary>
    public const long Limit = 1_048_576;

    /// <summary>The stored size of a document with these fields at this path (segments after <c>/documents/</c>).</summary>
    public static long Of(IEnumerable<string> pathSegments, MapField<string, Value> fields) =>
        pathSegments.Sum(StringSize) + 16 + MapSize(fields) + 32;

    /// <summary>Throws <see cref="FirestoreDocumentTooLargeException"/> when the document would exceed the limit.</summary>
    public static void Ensure(string collection, string documentId, MapField<string, Value> fields)
    {
        var size = Of([collection, documentId], fields);
        if (size > Limit)
            throw new FirestoreDocumentTooLargeException(documentId, size, Limit);
    }

    private static long StringSize(string value) => Encoding.UTF8.GetByteCount(value) + 1;

    private static long MapSize(MapField<string, Value> fields) => fields.Sum(f => StringSize(f.Key) + ValueSize(f.Value));

    private static long ValueSize(Value value) => value.ValueTypeCase switch
    {
        Value.ValueTypeOneofCase.StringValue => StringSize(value.StringValue),
        Value.ValueTypeOneofCase.BytesValue => value.BytesValue.Length,
        Value.ValueTypeOneofCase.ReferenceValue => StringSize(value.ReferenceValue),
        Value.ValueTypeOneofCase.MapValue => MapSize(value.MapValue.Fields),
        Value.ValueTypeOneofCase.ArrayValue => value.ArrayValue.Values.Sum(ValueSize),
        Value.ValueTypeOneofCase.BooleanValue or Value.ValueTypeOneofCase.NullValue => 1,
        _ => 8,
    };
}
