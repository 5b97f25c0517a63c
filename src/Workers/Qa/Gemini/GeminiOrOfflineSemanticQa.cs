using AiProd.Contracts;
using AiProd.Providers.Gemini;
using AiProd.Workers.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa.Gemini;

/// <summary>Gemini judges; when it fails and configuration allows, the offline evaluator does, and the report's evaluator says so.</summary>
public sealed class GeminiOrOfflineSemanticQa(
    GeminiSemanticQa gemini, OfflineSemanticQa offline, IOptions<GeminiOptions> options, ILogger<GeminiOrOfflineSemanticQa> logger) : ISemanticQa
{
    public async Task<SemanticQaReport> EvaluateAsync(string file, RunSemanticQa command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await gemini.EvaluateAsync(file, command, cancellationToken);
        }
        catch (StepException ex) when (OfflineFallback.Applies(options.Value, ex))
        {
            logger.LogWarning("Gemini failed to judge video {VideoId} ({Code}: {Reason}); the offline evaluator takes over", command.VideoId, ex.Code, ex.Message);
            var report = await offline.EvaluateAsync(file, command, cancellationToken);
            return report with { Evaluator = $"{report.Evaluator} (gemini failed: {ex.Code})" };
        }
    }
}
