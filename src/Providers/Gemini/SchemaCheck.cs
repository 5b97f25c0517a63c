using System.Globalization;
using System.Text.Json;

namespace AiProd.Providers.Gemini;

/// <summary>
/// Checks a JSON answer against the <see cref="Schema"/> it was asked for. Gemini's constrained decoding makes a
/// mismatch rare, but a model can still skip a field, leave an enum or a range; such an answer is malformed, not usable.
/// </summary>
public static class SchemaCheck
{
    /// <summary>Every mismatch as "path: problem"; empty when the value conforms.</summary>
    public static IReadOnlyList<string> Problems(JsonElement value, Schema schema)
    {
        var problems = new List<string>();
        Check(value, schema, "$", problems);
        return problems;
    }

    private static void Check(JsonElement value, Schema schema, string path, List<string> problems)
    {
        switch (schema.Type)
        {
            case "OBJECT":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{path}: expected an object, got {Kind(value)}");
                    return;
                }

                foreach (var name in schema.Required ?? [])
                    if (!value.TryGetProperty(name, out var present) || present.ValueKind == JsonValueKind.Null)
                        problems.Add($"{path}.{name}: required but missing");
                foreach (var (name, child) in schema.Properties ?? new Dictionary<string, Schema>())
                    if (value.TryGetProperty(name, out var property) && property.ValueKind != JsonValueKind.Null)
                        Check(property, child, $"{path}.{name}", problems);
                return;

            case "ARRAY":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"{path}: expected an array, got {Kind(value)}");
                    return;
                }

                var count = value.GetArrayLength();
                if (count < (schema.MinItems ?? 0) || count > (schema.MaxItems ?? int.MaxValue))
                    problems.Add($"{path}: {count} item(s), expected {schema.MinItems ?? 0}–{(schema.MaxItems is { } max ? max.ToString(CultureInfo.InvariantCulture) : "any")}");
                if (schema.Items is { } items)
                {
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                        Check(item, items, $"{path}[{i++}]", problems);
                }

                return;

            case "STRING":
                if (value.ValueKind != JsonValueKind.String)
                    problems.Add($"{path}: expected a string, got {Kind(value)}");
                else if (schema.Enum is { Count: > 0 } allowed && !allowed.Contains(value.GetString()!, StringComparer.Ordinal))
                    problems.Add($"{path}: \"{value.GetString()}\" is not one of {string.Join(", ", allowed)}");
                return;

            case "NUMBER" or "INTEGER":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"{path}: expected a number, got {Kind(value)}");
                    return;
                }

                var number = value.GetDouble();
                if (schema.Type == "INTEGER" && Math.Floor(number) != number)
                    problems.Add($"{path}: expected an integer, got {number.ToString(CultureInfo.InvariantCulture)}");
                if (number < (schema.Minimum ?? double.MinValue) || number > (schema.Maximum ?? double.MaxValue))
                    problems.Add($"{path}: {number.ToString(CultureInfo.InvariantCulture)} is outside {schema.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-∞"}–{schema.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "∞"}");
                return;

            case "BOOLEAN":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    problems.Add($"{path}: expected true or false, got {Kind(value)}");
                return;

            default:
                problems.Add($"{path}: the schema uses an unknown type {schema.Type}");
                return;
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
