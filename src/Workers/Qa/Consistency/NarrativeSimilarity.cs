namespace AiProd.Workers.Qa.Consistency;

/// <summary>How the consistency scorer compares prompt, scenes and narration (<c>Qa:NarrativeSimilarity</c>).</summary>
public enum NarrativeSimilarity
{
    /// <summary>Cosine of all-MiniLM-L6-v2 sentence embeddings; lexical when the model cannot load.</summary>
    Embeddings,

    /// <summary>TF-IDF cosine of stemmed content words; loads no model.</summary>
    Lexical,
}
