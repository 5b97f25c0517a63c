using AiProd.Contracts;
using AiProd.Workers.Common;
using AiProd.Workers.Creative;
using AiProd.Workers.Qa;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Providers.Gemini;

/// <summary>
/// Whether the offline implementation may take over from a failed Gemini call: only when
/// <see cref="GeminiOptions.FallbackToOffline"/> says so, and never after a content-safety refusal, which is final
/// (an offline plan for a refused prompt would route around the refusal).
/// </summary>
public static class OfflineFallback
{
    public static bool Applies(GeminiOptions options, StepException failure) =>
        options.FallbackToOffline && failure.Code != "content_refused";
}

/// <summary>Gemini directs; when it fails and configuration allows, the offline director does, and the notes say so.</summary>
public sealed class GeminiOrOfflineDirector(
    GeminiCreativeDirector gemini, OfflineCreativeDirector offline, IOptions<GeminiOptions> options, ILogger<GeminiOrOfflineDirector> logger) : ICreativeDirector
{
    public async Task<CreativeDirection> DirectAsync(DirectCreative command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await gemini.DirectAsync(command, cancellationToken);
        }
        catch (StepException ex) when (OfflineFallback.Applies(options.Value, ex))
        {
            logger.LogWarning("Gemini failed to direct video {VideoId} ({Code}: {Reason}); the offline director takes over", command.VideoId, ex.Code, ex.Message);
            var direction = await offline.DirectAsync(command, cancellationToken);
            return direction with { Notes = [$"offline director took over: gemini failed ({ex.Code}).", .. direction.Notes] };
        }
    }
}

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
