using AiProd.Contracts;

namespace AiProd.Workers.Qa;

/// <summary>Scores a composed video 0–10 on visual quality, narrative coherence, technical excellence and overall.</summary>
public interface ISemanticQa
{
    Task<SemanticQaReport> EvaluateAsync(string file, RunSemanticQa command, CancellationToken cancellationToken);
}
