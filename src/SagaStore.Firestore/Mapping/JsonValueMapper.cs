using System.Buffers;
using System.Globalization;
using System.Text.Json;
using AiProd.SagaStore.Firestore.V1;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Value = AiProd.SagaStore.Firestore.V1.Value;

namespace AiProd.SagaStore.Firestore.Mapping;

/// <summary>
/// A JSON tree to typed Firestore values and back. With a <see cref="FieldSchema"/> (from the CLR type) each value gets
/// the type of what it is, at every depth: timestamps (<c>DateTimeOffset</c>, <c>DateTime</c>) are <c>timestampValue</c>
/// (microseconds, UTC), whole-number types <c>integerValue</c>, <c>double</c> <c>doubleValue</c>, and <c>decimal</c>
/// <c>doubleValue</c> whenever the double holds the same amount (every amount of money does; the scale, as in
/// <c>5.00</c>, is not kept), else its exact text as a <c>stringValue</c>. Objects are maps, lists arrays, strings,
/// booleans and nulls keep their type. A value whose type is not known is typed by its JSON alone: integers that fit
/// 64 bits are <c>integerValue</c>, other numbers <c>doubleValue</c> when the double prints back as the same text, else
/// a <c>stringValue</c>; strings stay strings.
/// Reading accepts both: numbers and timestamps, and documents written before values were typed (numbers and
/// timestamps as strings), which the serializer reads back into the number and date properties.
/// </summary>
public static class JsonValueMapper
{
    /// <summary>
    /// Firestore forbids an array directly inside an array, so an inner array becomes a map with this one key.
    /// Field names like <c>__x__</c> are reserved by Firestore, hence the tilde.
    /// </summary>
    public const string NestedArrayKey = "~array";

    /// <summary>A value typed by its JSON alone (see the class summary).</summary>
    public static Value ToValue(JsonElement element, bool insideArray = false) => ToValue(element, FieldSchema.Unknown, insideArray);

    /// <summary>A value typed by <paramref name="schema"/>, the CLR type it was serialized from.</summary>
    public static Value ToValue(JsonElement element, FieldSchema schema, bool insideArray = false)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return element.ValueKind switch
        {
            JsonValueKind.Object => new Value { MapValue = ToMap(element, schema) },
            JsonValueKind.Array when insideArray => new Value { MapValue = new MapValue { Fields = { [NestedArrayKey] = ToValue(element, schema) } } },
            JsonValueKind.Array => new Value { ArrayValue = ToArray(element, schema.Kind == FieldKind.Array ? schema.Element : FieldSchema.Unknown) },
            JsonValueKind.String when schema.Kind == FieldKind.Timestamp && Timestamped(element.GetString()) is { } at => new Value { TimestampValue = at },
            JsonValueKind.String => new Value { StringValue = element.GetString() },
            JsonValueKind.Number => Number(element.GetRawText(), schema.Kind),
            JsonValueKind.True => new Value { BooleanValue = true },
            JsonValueKind.False => new Value { BooleanValue = false },
            _ => new Value { NullValue = NullValue.NullValue },
        };
    }

    public static MapValue ToMap(JsonElement element) => ToMap(element, FieldSchema.Unknown);

    /// <summary>An object as a map: an object's fields typed by its properties, a dictionary's by its value type.</summary>
    public static MapValue ToMap(JsonElement element, FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var map = new MapValue();
        foreach (var property in element.EnumerateObject())
        {
            var field = schema.Kind switch
            {
                FieldKind.Object => schema.Property(property.Name),
                FieldKind.Dictionary => schema.Element,
                _ => FieldSchema.Unknown,
            };
            map.Fields[property.Name] = ToValue(property.Value, field);
        }

        return map;
    }

    /// <summary>
    /// An ISO 8601 date as a Firestore timestamp, cut to the microsecond (what Firestore keeps, so what is stored is
    /// what is read back); null when the text is not a date.
    /// </summary>
    public static Timestamp? Timestamped(string? text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AssumeUniversal, out var at))
            return null;
        return Timestamp.FromDateTimeOffset(at.AddTicks(-(at.UtcTicks % 10)));
    }

    /// <summary>Writes the fields as one JSON object and returns its UTF-8 bytes.</summary>
    public static byte[] ToJson(MapField<string, Value> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteMap(writer, fields);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, Value value)
    {
        switch (value.ValueTypeCase)
        {
            case Value.ValueTypeOneofCase.MapValue when IsWrappedArray(value.MapValue):
                Write(writer, value.MapValue.Fields[NestedArrayKey]);
                break;
            case Value.ValueTypeOneofCase.MapValue:
                WriteMap(writer, value.MapValue.Fields);
                break;
            case Value.ValueTypeOneofCase.ArrayValue:
                writer.WriteStartArray();
                foreach (var item in value.ArrayValue.Values)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            case Value.ValueTypeOneofCase.StringValue:
                writer.WriteStringValue(value.StringValue);
                break;
            case Value.ValueTypeOneofCase.ReferenceValue:
                writer.WriteStringValue(value.ReferenceValue);
                break;
            case Value.ValueTypeOneofCase.IntegerValue:
                writer.WriteNumberValue(value.IntegerValue);
                break;
            case Value.ValueTypeOneofCase.DoubleValue:
                writer.WriteNumberValue(value.DoubleValue);
                break;
            case Value.ValueTypeOneofCase.BooleanValue:
                writer.WriteBooleanValue(value.BooleanValue);
                break;
            case Value.ValueTypeOneofCase.TimestampValue:
                // "Z": read back as UTC by DateTimeOffset and DateTime (Kind Utc) alike.
                writer.WriteStringValue(value.TimestampValue.ToDateTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case Value.ValueTypeOneofCase.BytesValue:
                writer.WriteBase64StringValue(value.BytesValue.Span);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteMap(Utf8JsonWriter writer, MapField<string, Value> fields)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in fields)
        {
            writer.WritePropertyName(name);
            Write(writer, value);
        }

        writer.WriteEndObject();
    }

    private static ArrayValue ToArray(JsonElement element, FieldSchema items)
    {
        var array = new ArrayValue();
        foreach (var item in element.EnumerateArray())
            array.Values.Add(ToValue(item, items, insideArray: true));
        return array;
    }

    private static bool IsWrappedArray(MapValue map) =>
        map.Fields.Count == 1 && map.Fields.TryGetValue(NestedArrayKey, out var inner) && inner.ValueTypeCase == Value.ValueTypeOneofCase.ArrayValue;

    private static Value Number(string text, FieldKind kind)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case FieldKind.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var whole):
                return new Value { IntegerValue = whole };
            case FieldKind.Double when double.TryParse(text, NumberStyles.Float, inv, out var real) && double.IsFinite(real):
                return new Value { DoubleValue = real };
            case FieldKind.Decimal when decimal.TryParse(text, NumberStyles.Float, inv, out var amount):
                // Exact as a double (any amount with up to 15 significant digits): a number Firestore can compare and sum.
                var asDouble = (double)amount;
                return (decimal)asDouble == amount ? new Value { DoubleValue = asDouble } : new Value { StringValue = text };
            case FieldKind.Integer or FieldKind.Double or FieldKind.Decimal:
                // Out of range for its Firestore type (an integer past 64 bits): kept exactly, as text.
                return new Value { StringValue = text };
        }

        var integral = text.AsSpan().IndexOfAny(".eE") < 0;
        if (integral && long.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var integer))
            return new Value { IntegerValue = integer };
        if (!integral && double.TryParse(text, NumberStyles.Float, inv, out var number) && double.IsFinite(number)
            && number.ToString("R", inv) == text)
            return new Value { DoubleValue = number };
        return new Value { StringValue = text };
    }
}
