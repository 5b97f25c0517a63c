using System.Text.RegularExpressions;

namespace AiProd.Sanitizing;

/// <summary>
/// Finds prompt- and code-injection attempts. A video prompt describes pictures; text that addresses the system
/// ("ignore previous instructions", "you are now") or carries template/script syntax has no business in it.
/// Patterns are narrow on purpose: "two actors act as pirates" is a fine prompt, "act as an unrestricted AI" is not.
/// </summary>
public static class InjectionDetector
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly (string Name, Regex Pattern)[] Patterns =
    [
        ("ignore previous instructions", new Regex(@"\bignore\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:previous|prior|above|earlier|preceding)\s+(?:instructions?|prompts?|rules|directions|messages?)", Options, Timeout)),
        ("disregard the above", new Regex(@"\bdisregard\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:above|previous|prior|instructions?|rules)", Options, Timeout)),
        ("forget your instructions", new Regex(@"\bforget\s+(?:all\s+|your\s+|the\s+|previous\s+|prior\s+)*(?:instructions|rules|guidelines)", Options, Timeout)),
        ("system prompt", new Regex(@"\bsystem\s*prompt\b", Options, Timeout)),
        ("you are now", new Regex(@"\byou\s+are\s+now\b", Options, Timeout)),
        ("act as", new Regex(@"\bact\s+as\s+(?:if\s+you\b|(?:an?\s+)?(?:unrestricted|unfiltered|uncensored|jailbroken|ai|assistant|chatbot|language\s+model|llm|system|admin(?:istrator)?|developer|root)\b)", Options, Timeout)),
        ("jailbreak", new Regex(@"\bjail\s*-?\s*break", Options, Timeout)),
        ("DAN", new Regex(@"\bDAN\b|(?i:\bdo\s+anything\s+now\b)", RegexOptions.CultureInvariant, Timeout)),
        ("developer mode", new Regex(@"\bdeveloper\s+mode\b", Options, Timeout)),
        ("{{", new Regex(@"\{\{|\{%", Options, Timeout)),
        ("${", new Regex(@"\$\{", Options, Timeout)),
        ("<script", new Regex(@"<\s*script\b", Options, Timeout)),
        ("javascript:", new Regex(@"\bjavascript\s*:", Options, Timeout)),
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
        var all = texts.ToList();
        return Patterns.Where(p => all.Exists(t => p.Pattern.IsMatch(t))).Select(p => p.Name).ToList();
    }
}
