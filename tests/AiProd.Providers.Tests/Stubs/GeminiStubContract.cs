using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>
/// The request rules of generateContent the stub enforces, each failing with the message the real API's 400
/// INVALID_ARGUMENT would carry. Returns null when the body is acceptable.
/// </summary>
internal static class GeminiStubContract
{
    public const int MaxRequestBytes = 20 * 1024 * 1024;

    public static readonly IReadOnlySet<string> MimeTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "image/png", "image/jpeg", "image/webp", "image/heic", "image/heif", "video/mp4", "video/webm", "audio/wav", "audio/mp3", "application/pdf", "text/plain",
    };

    private static readonly HashSet<string> TopLevel = ["contents", "systemInstruction", "system_instruction", "generationConfig", "generation_config", "safetySettings", "safety_settings", "tools", "toolConfig", "cachedContent"];
    private static readonly HashSet<string> ConfigFields = ["responseMimeType", "responseSchema", "responseJsonSchema", "temperature", "maxOutputTokens", "topP", "topK", "candidateCount", "stopSequences", "mediaResolution", "thinkingConfig", "seed"];
    private static readonly HashSet<string> SchemaFields = ["type", "format", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required", "propertyOrdering", "items", "minimum", "maximum", "minLength", "maxLength", "pattern", "title", "anyOf", "example", "default"];
    private static readonly HashSet<string> SchemaTypes = ["OBJECT", "ARRAY", "STRING", "INTEGER", "NUMBER", "BOOLEAN"];

    public static string? Problem(JsonObject body)
    {
        foreach (var (name, _) in body)
            if (!TopLevel.Contains(name))
                return $"Invalid JSON payload received. Unknown name \"{name}\": Cannot find field.";

        if (Get(body, "contents", "contents") is not JsonArray { Count: > 0 } contents)
            return "* GenerateContentRequest.contents: contents is not specified";
        for (var i = 0; i < contents.Count; i++)
            if (ContentProblem(contents[i], $"contents[{i}]", allowMedia: true) is { } problem)
                return problem;
        if (Get(body, "systemInstruction", "system_instruction") is { } system && ContentProblem(system, "system_instruction", allowMedia: false) is { } systemProblem)
            return systemProblem;
        return Get(body, "generationConfig", "generation_config") is { } config ? ConfigProblem(config) : null;
    }

    private static string? ContentProblem(JsonNode? node, string path, bool allowMedia)
    {
        if (node is not JsonObject content)
            return $"Invalid value at '{path}': expected an object.";
        if (content["role"] is { } role && role.GetValueKind() == JsonValueKind.String && role.GetValue<string>() is not ("user" or "model"))
            return $"* GenerateContentRequest.{path}.role: Please use a valid role: user, model.";
        if (content["parts"] is not JsonArray { Count: > 0 } parts)
            return $"* GenerateContentRequest.{path}.parts: contents.parts must not be empty.";
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p] as JsonObject;
            var text = part?["text"];
            var inline = part is null ? null : Get(part, "inlineData", "inline_data");
            if ((text is null) == (inline is null))
                return $"* GenerateContentRequest.{path}.parts[{p}].data: required oneof field 'data' must have one initialized field";
            if (text is not null && text.GetValueKind() != JsonValueKind.String)
                return $"Invalid value at '{path}.parts[{p}].text' (TYPE_STRING)";
            if (inline is not null && (allowMedia ? InlineProblem(inline, $"{path}.parts[{p}].inline_data") : $"* {path}.parts[{p}]: only text is allowed in a system instruction") is { } problem)
                return problem;
        }

        return null;
    }

    private static string? InlineProblem(JsonNode inline, string path)
    {
        var mime = Get(inline.AsObject(), "mimeType", "mime_type")?.GetValue<string>();
        if (mime is null || !MimeTypes.Contains(mime))
            return $"* GenerateContentRequest.{path}.mime_type: Unsupported MIME type: {mime}";
        var data = inline["data"]?.GetValue<string>() ?? "";
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            return $"Invalid value at '{path}.data' (TYPE_BYTES), Base64 decoding failed for \"{(data.Length > 20 ? data[..20] + "…" : data)}\"";
        }

        if (bytes.Length == 0)
            return $"* GenerateContentRequest.{path}.data: data must not be empty";
        return mime == "image/jpeg" && !(bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
            ? $"* GenerateContentRequest.{path}: Provided image is not valid."
            : null;
    }

    private static string? ConfigProblem(JsonNode node)
    {
        if (node is not JsonObject config)
            return "Invalid value at 'generation_config': expected an object.";
        foreach (var (name, _) in config)
            if (!ConfigFields.Contains(name))
                return $"Invalid JSON payload received. Unknown name \"{name}\" at 'generation_config': Cannot find field.";
        if (config["temperature"] is { } t && (t.GetValueKind() != JsonValueKind.Number || t.GetValue<double>() is < 0 or > 2))
            return "* GenerateContentRequest.generation_config.temperature: must be between 0 and 2";
        if (config["maxOutputTokens"] is { } m && (m.GetValueKind() != JsonValueKind.Number || m.GetValue<double>() < 1))
            return "* GenerateContentRequest.generation_config.max_output_tokens: must be positive";
        var mime = config["responseMimeType"]?.GetValue<string>();
        if (mime is not (null or "text/plain" or "application/json" or "text/x.enum"))
            return $"* GenerateContentRequest.generation_config.response_mime_type: allowed mimetypes are `text/plain`, `application/json`, and `text/x.enum`, not {mime}.";
        if (config["responseSchema"] is { } schema)
            return mime is "application/json" or "text/x.enum"
                ? SchemaProblem(schema, "generation_config.response_schema")
                : "* GenerateContentRequest.generation_config.response_schema: response_mime_type must be application/json when a response_schema is set.";
        return mime == "application/json" && config["responseJsonSchema"] is null
            ? "* GenerateContentRequest.generation_config.response_schema: application/json needs a response schema here."
            : null;
    }

    private static string? SchemaProblem(JsonNode? node, string path)
    {
        if (node is not JsonObject schema)
            return $"Invalid value at '{path}': expected a Schema object.";
        foreach (var (name, _) in schema)
            if (!SchemaFields.Contains(name))
                return $"Invalid JSON payload received. Unknown name \"{name}\" at '{path}': Cannot find field.";
        var type = schema["type"]?.GetValue<string>();
        if (type is null || !SchemaTypes.Contains(type))
            return $"Invalid value at '{path}.type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), \"{type}\"";
        if (schema["enum"] is not null && type != "STRING")
            return $"* GenerateContentRequest.{path}.enum: only allowed for STRING type";
        if (type == "ARRAY")
            return schema["items"] is null ? $"* GenerateContentRequest.{path}.items: missing field." : SchemaProblem(schema["items"], $"{path}.items");
        if (type != "OBJECT")
            return null;
        if (schema["properties"] is not JsonObject { Count: > 0 } properties)
            return $"* GenerateContentRequest.{path}.properties: should be non-empty for OBJECT type";
        foreach (var name in (schema["required"] as JsonArray ?? []).Concat(schema["propertyOrdering"] as JsonArray ?? []))
            if (!properties.ContainsKey(name!.GetValue<string>()))
                return $"* GenerateContentRequest.{path}.required: property \"{name}\" is not defined";
        foreach (var (name, child) in properties)
            if (SchemaProblem(child, $"{path}.properties[{name}]") is { } problem)
                return problem;
        return null;
    }

    private static JsonNode? Get(JsonObject o, string camel, string snake) => o[camel] ?? o[snake];
}
