namespace AiProd.Providers.Gemini;

/// <summary>
/// Which stages use Gemini, from <c>Creative:Director</c> and <c>Qa:SemanticEvaluator</c> ("gemini" or "offline";
/// unset means Gemini when a key is configured). Asking for Gemini without a key is a start-up error, not a silent
/// downgrade.
/// </summary>
public sealed record GeminiSelection(bool Director, bool SemanticQa)
{
    public const string DirectorKey = "Creative:Director";
    public const string EvaluatorKey = "Qa:SemanticEvaluator";

    public bool Any => Director || SemanticQa;

    /// <exception cref="InvalidOperationException">An unknown value, or "gemini" without a key.</exception>
    public static GeminiSelection Decide(string? director, string? evaluator, bool hasKey) =>
        new(Uses(DirectorKey, director, hasKey), Uses(EvaluatorKey, evaluator, hasKey));

    private static bool Uses(string key, string? value, bool hasKey) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => hasKey,
        "offline" => false,
        "gemini" when hasKey => true,
        "gemini" => throw new InvalidOperationException(
            $"{key} is 'gemini' but no Gemini API key is configured: set Providers:Gemini:ApiKey (env Providers__Gemini__ApiKey) or GEMINI_API_KEY."),
        _ => throw new InvalidOperationException($"{key} must be 'gemini' or 'offline', not '{value}'."),
    };
}
