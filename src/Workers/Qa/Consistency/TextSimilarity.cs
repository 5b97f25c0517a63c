namespace AiProd.Workers.Qa.Consistency;

/// <summary>
/// TF-IDF cosine similarity of short texts: content words (stop words dropped, common English endings stemmed) weighted by
/// term frequency × smoothed inverse document frequency ln((1 + N) / (1 + df)) + 1 over the texts being compared (the
/// prompt, the scene descriptions and the narration lines). Lexical: it sees shared words, not synonyms.
/// </summary>
public sealed class TextSimilarity
{
    private readonly Dictionary<string, double> _idf;

    public TextSimilarity(IEnumerable<string> corpus)
    {
        var documents = corpus.Select(t => PlanAdherence.ContentWords(t ?? "")).ToList();
        _idf = documents.SelectMany(d => d).Distinct(StringComparer.Ordinal)
            .ToDictionary(w => w, w => Math.Log((1.0 + documents.Count) / (1.0 + documents.Count(d => d.Contains(w)))) + 1, StringComparer.Ordinal);
    }

    /// <summary>Cosine of the two texts' TF-IDF vectors, 0 (no content word shared, or an empty text) to 1.</summary>
    public double Cosine(string a, string b)
    {
        var x = Vector(a);
        var y = Vector(b);
        if (x.Count == 0 || y.Count == 0)
            return 0;
        var dot = x.Where(e => y.ContainsKey(e.Key)).Sum(e => e.Value * y[e.Key]);
        return Math.Clamp(dot / (Norm(x) * Norm(y)), 0, 1);
    }

    private Dictionary<string, double> Vector(string text) =>
        PlanAdherence.ContentTokens(text ?? "").GroupBy(w => w, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() * _idf.GetValueOrDefault(g.Key, 1.0), StringComparer.Ordinal);

    private static double Norm(Dictionary<string, double> v) => Math.Sqrt(v.Values.Sum(x => x * x));
}
