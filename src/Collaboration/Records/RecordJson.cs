using System.Text.Json;
using AiProd.SagaStore.Firestore.Mapping;

namespace AiProd.Collaboration.Records;

/// <summary>How records are written as JSON (camelCase, as the saga documents): the SQLite body and the Firestore field tree.</summary>
internal static class RecordJson
{
    public static JsonSerializerOptions Options => SagaDocumentMapper.DefaultJsonOptions;
}
