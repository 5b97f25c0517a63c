namespace AiProd.Sanitizing;

/// <summary>One reason a prompt scored: its category, the term (a slur only by its kind), and its weight.</summary>
public sealed record ToxicityMatch(string Category, string Term, double Weight);

/// <summary>The toxicity verdict: a 0–1 score and every match that produced it, strongest first.</summary>
/// <param name="Score">Noisy OR of the matches' weights, 1 − Π(1 − w).</param>
/// <param name="Matches">What was found, strongest first.</param>
public sealed record ToxicityResult(double Score, IReadOnlyList<ToxicityMatch> Matches)
{
    public static readonly ToxicityResult Clean = new(0, []);

    /// <summary>Each match as "category: term", strongest first.</summary>
    public IReadOnlyList<string> Terms => [.. Matches.Select(m => $"{m.Category}: {m.Term}")];

    /// <summary>The categories found, strongest first, without repeats.</summary>
    public IReadOnlyList<string> Categories => [.. Matches.Select(m => m.Category).Distinct()];
}
