using System.Text.RegularExpressions;

namespace AiProd.Sanitizing;

/// <summary>How a rule's weight is settled once it matched.</summary>
internal enum RuleKind
{
    /// <summary>Violence aimed at "you": weighed by who speaks ("I will" 0.95, "this workout will" 0.3, "never" 0).</summary>
    Threat,

    /// <summary>Violence aimed at a third person: a threat only when the speaker means to do it ("I will kill him").</summary>
    ThirdParty,

    /// <summary>"find you", "hunt you down": a threat only with a speaker who means it, and then a mild one.</summary>
    Soft,

    /// <summary>Said to someone (insult, harassment, death wish): refuted by "not"/"never" just before it.</summary>
    Targeted,

    /// <summary>Like <see cref="Targeted"/>, weighed per insult word in the match ("you stupid worthless idiot": three).</summary>
    Chain,

    /// <summary>What the video would show (graphic violence, sex, self-harm): softened in a documentary or awareness frame.</summary>
    Content,
}

/// <summary>One rule of the toxicity scorer: a pattern over the rule text, its category and its weight.</summary>
/// <param name="Category">threat, insult, slur, self-harm, harassment, hate, violence, sexual or profanity.</param>
/// <param name="Weight">0–1: how sure a match alone makes the verdict (per insult word for <see cref="RuleKind.Chain"/>).</param>
/// <param name="Kind">How the weight is settled once the pattern matched.</param>
/// <param name="Pattern">A pattern over the rule text.</param>
/// <param name="Anchors">Words of which the rule text must hold one for the pattern to be tried at all.</param>
/// <param name="Label">The term reported; null reports the matched words.</param>
internal sealed record ToxicityRule(string Category, double Weight, RuleKind Kind, Regex Pattern, IReadOnlySet<string> Anchors, string? Label = null)
{
    /// <summary>Whether the pattern can match a text made of <paramref name="tokens"/>; a cheap test before the pattern runs.</summary>
    public bool MayMatch(HashSet<string> tokens) => Anchors.Count == 0 || ToxicityHeuristic.Shares(tokens, Anchors);
}
