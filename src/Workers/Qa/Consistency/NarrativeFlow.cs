using System.Globalization;
using AiProd.Contracts;
using Microsoft.Extensions.Logging;

namespace AiProd.Workers.Qa.Consistency;

/// <summary>
/// Narrative flow, 0–1: how closely the scenes follow the prompt and each narration line its scene and the prompt. The
/// links are prompt ↔ each scene's description and each narration line ↔ (its scene's description + the prompt); their
/// mean cosine scores 1 at 0.5 or more. By default the cosine is of MiniLM sentence embeddings (<see cref="SentenceEmbeddings"/>),
/// which see paraphrases; with <see cref="NarrativeSimilarity.Lexical"/>, or when the model cannot load, it is the TF-IDF
/// cosine of <see cref="TextSimilarity"/>, which sees shared words only. The basis names which, and why.
/// </summary>
public sealed class NarrativeFlow(NarrativeSimilarity similarity, SentenceEmbeddings? embeddings, ILogger? logger = null)
{
    private int _warned;

    /// <summary>Lexical only: no model is loaded.</summary>
    public static NarrativeFlow LexicalOnly { get; } = new(NarrativeSimilarity.Lexical, null);

    /// <summary>Embeddings with the process's shared model, lexical when it cannot load.</summary>
    public static NarrativeFlow Default { get; } = new(NarrativeSimilarity.Embeddings, SentenceEmbeddings.Shared);

    /// <summary>The measure for <paramref name="command"/>'s prompt, scenes and narration.</summary>
    public ConsistencyScore Score(RunSemanticQa command, CancellationToken cancellationToken = default)
    {
        var prompt = command.Request.Prompt ?? "";
        var links = new List<(string A, string B)>();
        foreach (var scene in command.Direction.Scenes)
        {
            links.Add((prompt, scene.Description ?? ""));
            if (!string.IsNullOrWhiteSpace(scene.Narration))
                links.Add((scene.Narration, $"{scene.Description} {prompt}"));
        }
        if (links.Count == 0)
            return new(0, "no scenes to compare with the prompt");

        var why = "selected by Qa:NarrativeSimilarity=lexical";
        if (similarity == NarrativeSimilarity.Embeddings && embeddings is not null)
        {
            var cosines = Embedded(links, embeddings, cancellationToken);
            if (cosines is not null)
                return new(Round(Math.Clamp(cosines.Average() / 0.5, 0, 1)), Text(
                    $"sentence embeddings: mean cosine of {SentenceEmbeddings.ModelName} embeddings (384 dimensions, ONNX Runtime) of prompt↔scene description and narration↔(scene + prompt) over {links.Count} link(s) {cosines.Average():F2}; 0.5 or more scores 1"));
            why = $"the sentence-embedding model is unavailable: {embeddings.Failure}";
            if (Interlocked.Exchange(ref _warned, 1) == 0)
                logger?.LogWarning(embeddings.LoadException, "Narrative flow falls back to the lexical measure: {Reason}", embeddings.Failure);
        }
        var scenes = command.Direction.Scenes;
        var lexical = new TextSimilarity([prompt, .. scenes.Select(s => s.Description), .. scenes.Select(s => s.Narration)]);
        var scores = links.Select(l => lexical.Cosine(l.A, l.B)).ToList();
        return new(Round(Math.Clamp(scores.Average() / 0.5, 0, 1)), Text(
            $"lexical ({why}): mean TF-IDF cosine (stemmed content words, synonyms not seen) of prompt↔scene description and narration↔(scene + prompt) over {links.Count} link(s) {scores.Average():F2}; 0.5 or more scores 1"));
    }

    /// <summary>The links' cosines from one batch of embeddings of the distinct texts; null when the model is unusable.</summary>
    private static List<double>? Embedded(List<(string A, string B)> links, SentenceEmbeddings embeddings, CancellationToken cancellationToken)
    {
        var texts = links.SelectMany(l => new[] { l.A, l.B }).Distinct(StringComparer.Ordinal).ToList();
        var vectors = embeddings.Embed(texts, cancellationToken);
        if (vectors is null)
            return null;
        var byText = texts.Zip(vectors).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        return [.. links.Select(l => string.IsNullOrWhiteSpace(l.A) || string.IsNullOrWhiteSpace(l.B) ? 0 : SentenceEmbeddings.Cosine(byText[l.A], byText[l.B]))];
    }

    private static double Round(double v) => Math.Round(double.IsNaN(v) ? 0 : v, 3);

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
