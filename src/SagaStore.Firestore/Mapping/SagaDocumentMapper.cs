using System.Text.Json;
using System.Text.Json.Serialization;
using AiProd.SagaStore.Firestore.V1;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using MassTransit;
using Value = AiProd.SagaStore.Firestore.V1.Value;

namespace AiProd.SagaStore.Firestore.Mapping;

/// <summary>
/// A saga instance as a Firestore document with typed fields: its System.Text.Json tree (camelCase) field by field,
/// each typed by the saga's own CLR types (<see cref="FieldSchema"/>: numbers as numbers, dates as timestamps, at every
/// depth), plus <c>createdAt</c> and <c>updatedAt</c> as timestamps so an operator can sort and query. When the saga has
/// those properties their values are used (stored to the microsecond, read back in UTC); otherwise the store keeps
/// them: <c>createdAt</c> from the first write, <c>updatedAt</c> from each write.
/// </summary>
public static class SagaDocumentMapper
{
    public const string CreatedAtField = "createdAt";
    public const string UpdatedAtField = "updatedAt";
    public const string VersionField = "version";
    public const string CurrentStateField = "currentState";

    /// <summary>The JSON summary a list reads instead of the whole document (a string field), when the store has a summary function.</summary>
    public const string ListSummaryField = "listSummary";

    /// <summary>Who the instance belongs to: the camelCase <c>Owner</c> property of a saga that has one; lists filter on it.</summary>
    public const string OwnerField = "owner";

    /// <summary>camelCase, enums as names; numbers that documents written before typing (or past a double's digits) keep as strings are read back.</summary>
    public static JsonSerializerOptions DefaultJsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>
/// Maps one saga type; see <see cref="SagaDocumentMapper"/>. With <paramref name="summary"/>, each document also carries
/// <see cref="SagaDocumentMapper.ListSummaryField"/>: what the function makes of the instance, written in the same write.
/// </summary>
public sealed class SagaDocumentMapper<TSaga>(JsonSerializerOptions? jsonOptions = null, Func<TSaga, string>? summary = null)
    where TSaga : class, ISaga
{
    private readonly JsonSerializerOptions _json = jsonOptions ?? SagaDocumentMapper.DefaultJsonOptions;
    private FieldSchema? _schema;

    /// <summary>The Firestore types of <typeparamref name="TSaga"/>'s fields, from its CLR types.</summary>
    public FieldSchema Schema => _schema ??= FieldSchema.For(typeof(TSaga), _json);

    /// <summary>
    /// The document fields for <paramref name="saga"/>. <paramref name="storedCreatedAt"/> is the <c>createdAt</c> of
    /// the stored document, if any, for sagas without a CreatedAt property of their own.
    /// </summary>
    public MapField<string, Value> ToFields(TSaga saga, Timestamp? storedCreatedAt = null)
    {
        var tree = JsonSerializer.SerializeToElement(saga, _json);
        if (tree.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"{typeof(TSaga).Name} must serialize to a JSON object.");

        var fields = JsonValueMapper.ToMap(tree, Schema).Fields;
        var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        fields[SagaDocumentMapper.CreatedAtField] = new Value { TimestampValue = AsTimestamp(fields, SagaDocumentMapper.CreatedAtField) ?? storedCreatedAt ?? now };
        fields[SagaDocumentMapper.UpdatedAtField] = new Value { TimestampValue = AsTimestamp(fields, SagaDocumentMapper.UpdatedAtField) ?? now };
        if (summary is not null)
            fields[SagaDocumentMapper.ListSummaryField] = new Value { StringValue = summary(saga) };
        return fields;
    }

    public TSaga FromFields(MapField<string, Value> fields) =>
        JsonSerializer.Deserialize<TSaga>(JsonValueMapper.ToJson(fields), _json)
        ?? throw new InvalidOperationException($"A {typeof(TSaga).Name} document read as null.");

    public TSaga FromDocument(Document document) => FromFields(document.Fields);

    /// <summary>The function that makes <see cref="SagaDocumentMapper.ListSummaryField"/>; null when documents carry none.</summary>
    public Func<TSaga, string>? Summary => summary;

    /// <summary>The document field a top-level property (its C# name) is stored under.</summary>
    public string FieldName(string property) => _json.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private static Timestamp? AsTimestamp(MapField<string, Value> fields, string name)
    {
        if (!fields.TryGetValue(name, out var value))
            return null;
        if (value.ValueTypeCase == Value.ValueTypeOneofCase.TimestampValue)
            return value.TimestampValue;
        // A saga whose own property is a string holding a date.
        return value.ValueTypeCase == Value.ValueTypeOneofCase.StringValue ? JsonValueMapper.Timestamped(value.StringValue) : null;
    }
}
