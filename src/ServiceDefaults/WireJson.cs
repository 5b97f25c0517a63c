using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit.Serialization;

namespace AiProd.ServiceDefaults;

/// <summary>
/// The JSON every message body is written with. MassTransit 8's System.Text.Json options write a <c>decimal</c> as a
/// JSON string (<c>"estimatedCostUsd": "0.0049"</c>, its <c>StringDecimalJsonConverter</c>); the wire contract shows
/// numbers, so money goes out as a JSON number here (the decimal's own digits, scale kept: <c>5.00</c>, <c>0.0049</c>).
/// Reading still accepts a decimal written as a string, so messages already in flight from older senders are read.
/// </summary>
/// <remarks>
/// MassTransit keeps these options in one static field that every serializer instance reads at each call (the raw
/// JSON serializer of the Pub/Sub transport and the envelope serializer alike), so setting them once per process
/// covers every bus in it.
/// </remarks>
public static class WireJson
{
    private static readonly Lock Gate = new();

    /// <summary>Makes MassTransit write decimals as JSON numbers; idempotent, safe to call from every host.</summary>
    public static void Apply()
    {
        lock (Gate)
        {
            var current = SystemTextJsonMessageSerializer.Options;
            if (current.Converters.Any(c => c is DecimalNumberConverter))
                return;
            // Options become read-only once used: change a copy, then swap it in.
            var options = new JsonSerializerOptions(current);
            for (var i = options.Converters.Count - 1; i >= 0; i--)
            {
                if (options.Converters[i] is JsonConverter<decimal> || options.Converters[i].GetType().Name == "StringDecimalJsonConverter")
                    options.Converters.RemoveAt(i);
            }

            options.Converters.Insert(0, new DecimalNumberConverter());
            SystemTextJsonMessageSerializer.Options = options;
        }
    }

    /// <summary>Writes a decimal as a JSON number; reads a number or, from older senders, a string holding one.</summary>
    private sealed class DecimalNumberConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDecimal(),
            JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) => value,
            _ => throw new JsonException($"Expected a number for a decimal, got {reader.TokenType}."),
        };

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }
}
