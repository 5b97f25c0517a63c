using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiProd.Providers.Gemini;

// The generateContent wire shapes (Gemini Developer API, v1beta), camelCase as the REST API documents them.
// Only the fields AiProd sends or reads are modelled; unknown response fields are ignored.

/// <summary>Body of <c>POST /v1beta/models/{model}:generateContent</c>.</summary>
public sealed record GenerateContentRequest(IReadOnlyList<Content> Contents, Content? SystemInstruction = null, GenerationConfig? GenerationConfig = null);

/// <summary>A turn: its role ("user", "model") and parts.</summary>
public sealed record Content(IReadOnlyList<Part> Parts, string? Role = null);

/// <summary>Either text or inline media; exactly one is set.</summary>
public sealed record Part(string? Text = null, InlineData? InlineData = null)
{
    public static Part FromText(string text) => new(Text: text);

    public static Part FromImage(string mimeType, ReadOnlySpan<byte> bytes) => new(InlineData: new InlineData(mimeType, Convert.ToBase64String(bytes)));
}

/// <summary>Base64 media sent inside the request (the whole request stays under ~20 MB).</summary>
public sealed record InlineData(string MimeType, string Data);

/// <summary>How to answer: JSON constrained by <see cref="ResponseSchema"/>, temperature, token limit.</summary>
public sealed record GenerationConfig(string? ResponseMimeType = null, Schema? ResponseSchema = null, double? Temperature = null, int? MaxOutputTokens = null);

/// <summary>The OpenAPI-subset schema Gemini constrains JSON answers with (<c>type</c> is upper-case: OBJECT, ARRAY, STRING, ...).</summary>
public sealed record Schema(
    string Type,
    string? Description = null,
    IReadOnlyDictionary<string, Schema>? Properties = null,
    IReadOnlyList<string>? Required = null,
    Schema? Items = null,
    IReadOnlyList<string>? Enum = null,
    double? Minimum = null,
    double? Maximum = null,
    int? MinItems = null,
    int? MaxItems = null,
    IReadOnlyList<string>? PropertyOrdering = null)
{
    public static Schema String(string description, params string[] values) => new("STRING", description, Enum: values.Length == 0 ? null : values);

    public static Schema Number(string description, double minimum, double maximum) => new("NUMBER", description, Minimum: minimum, Maximum: maximum);

    public static Schema Integer(string description, double minimum, double maximum) => new("INTEGER", description, Minimum: minimum, Maximum: maximum);

    public static Schema Array(string description, Schema items, int minItems, int maxItems) => new("ARRAY", description, Items: items, MinItems: minItems, MaxItems: maxItems);

    /// <summary>An object whose every property is required, in the order given (Gemini answers in <c>propertyOrdering</c>).</summary>
    public static Schema Object(string description, params (string Name, Schema Schema)[] properties) => new(
        "OBJECT",
        description,
        properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal),
        properties.Select(p => p.Name).ToList(),
        PropertyOrdering: properties.Select(p => p.Name).ToList());
}

/// <summary>What generateContent answers.</summary>
public sealed record GenerateContentResponse(
    IReadOnlyList<Candidate>? Candidates = null,
    PromptFeedback? PromptFeedback = null,
    UsageMetadata? UsageMetadata = null,
    string? ModelVersion = null,
    string? ResponseId = null);

public sealed record Candidate(Content? Content = null, string? FinishReason = null, IReadOnlyList<SafetyRating>? SafetyRatings = null);

public sealed record SafetyRating(string? Category = null, string? Probability = null, bool? Blocked = null);

/// <summary>Present when the prompt itself was blocked (<c>blockReason</c>), in which case there are no candidates.</summary>
public sealed record PromptFeedback(string? BlockReason = null, IReadOnlyList<SafetyRating>? SafetyRatings = null);

public sealed record UsageMetadata(int PromptTokenCount = 0, int CandidatesTokenCount = 0, int TotalTokenCount = 0);

/// <summary>Google's error body: <c>{"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}</c>.</summary>
public sealed record GoogleErrorBody(GoogleError? Error = null);

public sealed record GoogleError(int Code = 0, string? Message = null, string? Status = null);

/// <summary>The serializer settings of the wire: camelCase, nulls left out.</summary>
public static class GeminiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
