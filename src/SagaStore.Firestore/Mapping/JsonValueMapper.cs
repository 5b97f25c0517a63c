using System.Buffers;
using System.Globalization;
using System.Text.Json;
using AiProd.SagaStore.Firestore.V1;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Value = AiProd.SagaStore.Firestore.V1.Value;

namespace AiProd.SagaStore.Firestore.Mapping;

/// <summary>
/// A JSON tree to typed Firestore values and back: objects are maps, arrays are arrays, strings, booleans and nulls
/// keep their type, integers that fit 64 bits are <c>integerValue</c>, and other numbers are <c>doubleValue</c> only
/// when the double prints back as exactly the same text; anything else (a decimal like <c>5.00</c> or one with more
/// digits than a double holds, an integer past 64 bits) is kept exactly as a <c>stringValue</c> of its JSON text,
/// which the serializer reads back into the number property.
/// </summary>
public static class JsonValueMapper
{
    /// <summary>
    /// Firestore forbids an array directly inside an array, so an inner array becomes a map with this one key.
    /// Field names like <c>__x__</c> are reserved by Firestore, hence the tilde.
    /// </summary>
    public const string NestedArrayKey = "~array";

    public static Value ToValue(JsonElement element, bool insideArray = false) => element.ValueKind switch
    {
        JsonValueKind.Object => new Value { MapValue = ToMap(element) },
        JsonValueKind.Array when insideArray => new Value { MapValue = new MapValue { Fields = { [NestedArrayKey] = ToValue(element) } } },
        JsonValueKind.Array => new Value { ArrayValue = ToArray(element) },
        JsonValueKind.String => new Value { StringValue = element.GetString() },
        JsonValueKind.Number => Number(element.GetRawText()),
        JsonValueKind.True => new Value { BooleanValue = true },
        JsonValueKind.False => new Value { BooleanValue = false },
        _ => new Value { NullValue = NullValue.NullValue },
    };

    public static MapValue ToMap(JsonElement element)
    {
        var map = new MapValue();
        foreach (var property in element.EnumerateObject())
            map.Fields[property.Name] = ToValue(property.Value);
        return map;
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
                writer.WriteStringValue(value.TimestampValue.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture));
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

    private static ArrayValue ToArray(JsonElement element)
    {
        var array = new ArrayValue();
        foreach (var item in element.EnumerateArray())
            array.Values.Add(ToValue(item, insideArray: true));
        return array;
    }

    private static bool IsWrappedArray(MapValue map) =>
        map.Fields.Count == 1 && map.Fields.TryGetValue(NestedArrayKey, out var inner) && inner.ValueTypeCase == Value.ValueTypeOneofCase.ArrayValue;

    private static Value Number(string text)
    {
        var integral = text.AsSpan().IndexOfAny(".eE") < 0;
        if (integral && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return new Value { IntegerValue = integer };
        if (!integral && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
            && real.ToString("R", CultureInfo.InvariantCulture) == text)
            return new Value { DoubleValue = real };
        return new Value { StringValue = text };
    }
}
