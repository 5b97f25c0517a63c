using System.Globalization;
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
/// plus <c>createdAt</c> and <c>updatedAt</c> as timestamps so an operator can sort and query. When the saga has
/// those properties their values are used (stored to the microsecond, read back in UTC); otherwise the store keeps
/// them: <c>createdAt</c> from the first write, <c>updatedAt</c> from each write.
/// </summary>
public static class SagaDocumentMapper
{
    public const string CreatedAtField = "createdAt";
    public const string UpdatedAtField = "updatedAt";
    public const string VersionField = "version";
    public const string CurrentStateField = "currentState";

    /// <summary>Who the instance belongs to: the camelCase <c>Owner</c> property of a saga that has one; lists filter on it.</summary>
    public const string OwnerField = "owner";

    /// <summary>camelCase, enums as names, and numbers kept as strings (see <see cref="JsonValueMapper"/>) read back.</summary>
    public static JsonSerializerOptions DefaultJsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>Maps one saga type; see <see cref="SagaDocumentMapper"/>.</summary>
public sealed class SagaDocumentMapper<TSaga>(JsonSerializerOptions? jsonOptions = null)
    where TSaga : class, ISaga
{
    private readonly JsonSerializerOptions _json = jsonOptions ?? SagaDocumentMapper.DefaultJsonOptions;

    /// <summary>
    /// The document fields for <paramref name="saga"/>. <paramref name="storedCreatedAt"/> is the <c>createdAt</c> of
    /// the stored document, if any, for sagas without a CreatedAt property of their own.
    /// </summary>
    public MapField<string, Value> ToFields(TSaga saga, Timestamp? storedCreatedAt = null)
    {
        var tree = JsonSerializer.SerializeToElement(saga, _json);
        if (tree.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"{typeof(TSaga).Name} must serialize to a JSON object.");

        var fields = JsonValueMapper.ToMap(tree).Fields;
        var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        fields[SagaDocumentMapper.CreatedAtField] = new Value { TimestampValue = AsTimestamp(fields, SagaDocumentMapper.CreatedAtField) ?? storedCreatedAt ?? now };
        fields[SagaDocumentMapper.UpdatedAtField] = new Value { TimestampValue = AsTimestamp(fields, SagaDocumentMapper.UpdatedAtField) ?? now };
        return fields;
    }

    public TSaga FromFields(MapField<string, Value> fields) =>
        JsonSerializer.Deserialize<TSaga>(JsonValueMapper.ToJson(fields), _json)
        ?? throw new InvalidOperationException($"A {typeof(TSaga).Name} document read as null.");

    public TSaga FromDocument(Document document) => FromFields(document.Fields);

    /// <summary>The document field a top-level property (its C# name) is stored under.</summary>
    public string FieldName(string property) => _json.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private static Timestamp? AsTimestamp(MapField<string, Value> fields, string name)
    {
        if (!fields.TryGetValue(name, out var value))
            return null;
        if (value.ValueTypeCase == Value.ValueTypeOneofCase.TimestampValue)
            return value.TimestampValue;
        if (value.ValueTypeCase == Value.ValueTypeOneofCase.StringValue
            && DateTimeOffset.TryParse(value.StringValue, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            // Firestore keeps microseconds; drop the last tick digit here so what is stored is what is read.
            return Timestamp.FromDateTimeOffset(at.AddTicks(-(at.UtcTicks % 10)));
        }

        return null;
    }
}
