using System.Text.RegularExpressions;

namespace AiProd.Sanitizing;

/// <summary>
/// Finds prompt- and code-injection attempts. A video prompt describes pictures; text that addresses the system
/// ("ignore previous instructions", "you are now") or carries template/script syntax has no business in it.
/// Patterns are narrow on purpose: "two actors act as pirates" is a fine prompt, "act as an unrestricted AI" is not.
/// </summary>
public static partial class InjectionDetector
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // Source-generated: no start-up compile, and the fastest scan for the copies every prompt is checked in.
    private static readonly (string Name, Regex Pattern)[] Patterns =
    [
        ("ignore previous instructions", IgnorePrevious()),
        ("disregard the above", DisregardAbove()),
        ("forget your instructions", ForgetInstructions()),
        ("system prompt", SystemPrompt()),
        ("you are now", YouAreNow()),
        ("act as", ActAs()),
        ("jailbreak", Jailbreak()),
        ("DAN", Dan()),
        ("developer mode", DeveloperMode()),
        ("{{", Template()),
        ("${", Interpolation()),
        ("<script", Script()),
        ("javascript:", JavascriptUrl()),
    ];

    /// <summary>The words the patterns are made of, so spelled-out letters ("i g n o r e") can be joined back into them.</summary>
    internal static readonly string[] Keywords =
    [
        "ignore", "disregard", "forget", "previous", "prior", "above", "earlier", "preceding", "instructions", "instruction",
        "prompt", "prompts", "rules", "directions", "messages", "system", "guidelines", "act", "as", "jailbreak", "developer",
        "mode", "unrestricted", "unfiltered", "uncensored", "jailbroken", "now", "any", "all", "the", "your", "you", "are",
    ];

    /// <summary>Names of every pattern found in any of <paramref name="texts"/>, in a fixed order, without repeats.</summary>
    public static IReadOnlyList<string> Find(params IEnumerable<string> texts)
    {
        var all = texts.Distinct(StringComparer.Ordinal).ToList();
        return Patterns.Where(p => all.Exists(t => p.Pattern.IsMatch(t))).Select(p => p.Name).ToList();
    }

    [GeneratedRegex(@"\bignore\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:previous|prior|above|earlier|preceding)\s+(?:instructions?|prompts?|rules|directions|messages?)", Options, 1000)]
    private static partial Regex IgnorePrevious();

    [GeneratedRegex(@"\bdisregard\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:above|previous|prior|instructions?|rules)", Options, 1000)]
    private static partial Regex DisregardAbove();

    [GeneratedRegex(@"\bforget\s+(?:all\s+|your\s+|the\s+|previous\s+|prior\s+)*(?:instructions|rules|guidelines)", Options, 1000)]
    private static partial Regex ForgetInstructions();

    [GeneratedRegex(@"\bsystem\s*prompt\b", Options, 1000)]
    private static partial Regex SystemPrompt();

    [GeneratedRegex(@"\byou\s+are\s+now\b", Options, 1000)]
    private static partial Regex YouAreNow();

    [GeneratedRegex(@"\bact\s+as\s+(?:if\s+you\b|(?:an?\s+)?(?:unrestricted|unfiltered|uncensored|jailbroken|ai|assistant|chatbot|language\s+model|llm|system|admin(?:istrator)?|developer|root)\b)", Options, 1000)]
    private static partial Regex ActAs();

    [GeneratedRegex(@"\bjail\s*-?\s*break", Options, 1000)]
    private static partial Regex Jailbreak();

    [GeneratedRegex(@"\bDAN\b|(?i:\bdo\s+anything\s+now\b)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Dan();

    [GeneratedRegex(@"\bdeveloper\s+mode\b", Options, 1000)]
    private static partial Regex DeveloperMode();

    [GeneratedRegex(@"\{\{|\{%", Options, 1000)]
    private static partial Regex Template();

    [GeneratedRegex(@"\$\{", Options, 1000)]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"<\s*script\b", Options, 1000)]
    private static partial Regex Script();

    [GeneratedRegex(@"\bjavascript\s*:", Options, 1000)]
    private static partial Regex JavascriptUrl();
}
