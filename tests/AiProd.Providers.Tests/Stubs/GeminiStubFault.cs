namespace AiProd.Providers.Tests.Stubs;

/// <summary>What the Gemini stub does instead of (or before) a normal answer to one request.</summary>
public sealed record GeminiStubFault(GeminiStubFault.Kinds Kind, TimeSpan Delay = default, int Status = 0, string? Reason = null, string? Text = null)
{
    public enum Kinds
    {
        /// <summary>429 RESOURCE_EXHAUSTED with <c>Retry-After</c> (whole seconds, as the header carries).</summary>
        RateLimited,

        /// <summary>500 INTERNAL or 503 UNAVAILABLE.</summary>
        ServerError,

        /// <summary>200 with <c>promptFeedback.blockReason</c> and no candidates.</summary>
        PromptBlocked,

        /// <summary>200 with a candidate that ends with <see cref="Reason"/> (SAFETY: no content; MAX_TOKENS: half the JSON).</summary>
        Finish,

        /// <summary>200 whose text is prose around broken JSON.</summary>
        MalformedText,

        /// <summary>200 with valid JSON that leaves a required field out.</summary>
        OffSchema,

        /// <summary>Waits <see cref="Delay"/>, then answers normally (or not at all if the client gave up).</summary>
        Slow,

        /// <summary>200 whose answer text is exactly <see cref="Text"/>.</summary>
        Answer,
    }

    public static GeminiStubFault RateLimited(TimeSpan retryAfter) => new(Kinds.RateLimited, retryAfter);

    public static GeminiStubFault ServerError(int status = 503) => new(Kinds.ServerError, Status: status);

    public static GeminiStubFault PromptBlocked(string reason = "SAFETY") => new(Kinds.PromptBlocked, Reason: reason);

    public static GeminiStubFault Finish(string reason) => new(Kinds.Finish, Reason: reason);

    public static GeminiStubFault MalformedText() => new(Kinds.MalformedText);

    public static GeminiStubFault OffSchema() => new(Kinds.OffSchema);

    public static GeminiStubFault Slow(TimeSpan delay) => new(Kinds.Slow, delay);

    public static GeminiStubFault Answer(string json) => new(Kinds.Answer, Text: json);
}
