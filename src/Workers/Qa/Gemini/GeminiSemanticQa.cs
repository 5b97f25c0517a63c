using AiProd.Contracts;
using AiProd.Providers.Caching;
using AiProd.Providers.Gemini;
using AiProd.Providers.Http;
using AiProd.Workers.Common;
using AiProd.Workers.Qa;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Qa.Gemini;

/// <summary>
/// Semantic QA by Gemini: keyframes extracted with ffmpeg, sent inline with the plan, four scores with reasons and
/// feedback back. Score sets are cached by keyframes + plan (<see cref="GeminiCaches.Scores"/>), so the same video
/// judged against the same plan is not paid for twice and keeps its verdict. The report also carries the consistency
/// section, computed locally by <see cref="ConsistencyScorer"/> (its advice joins the feedback); the scores stay Gemini's.
/// </summary>
public sealed class GeminiSemanticQa(
    GeminiClient client,
    KeyframeExtractor keyframes,
    GeminiCaches caches,
    IOptions<GeminiOptions> options,
    IOptions<QaOptions> qaOptions,
    ConsistencyScorer consistency,
    ILogger<GeminiSemanticQa> logger) : ISemanticQa
{
    public async Task<SemanticQaReport> EvaluateAsync(string file, RunSemanticQa command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var o = options.Value;
        var frames = await keyframes.ExtractAsync(file, command, cancellationToken);
        var plan = QaPrompt.PlanText(command);
        var key = ContentHash.Of(frames.Select(f => f.Jpeg), o.Model, plan);
        try
        {
            var answer = await caches.Scores.GetOrCreateAsync(
                key,
                async ct => await client.GenerateAsync("semantic-qa", QaPrompt.Build(command, plan, frames, o), QaReader.Read, ct),
                cancellationToken);
            var report = QaReader.Report(answer, frames, o.Model, qaOptions.Value.SemanticPassThreshold);
            var scores = await consistency.ScoreAsync(file, command, cancellationToken);
            report = report with { Consistency = scores, Feedback = [.. report.Feedback, .. ConsistencyScorer.Feedback(scores)] };
            logger.LogInformation(
                "Gemini semantic QA of {VideoId}: overall {Overall} (visual {Visual}, narrative {Narrative}, technical {Technical}), {Verdict}, feedback {Feedback}",
                command.VideoId, report.Overall.Score, report.VisualQuality.Score, report.NarrativeCoherence.Score, report.TechnicalExcellence.Score,
                report.Passed ? "passed" : "failed", report.Feedback);
            return report;
        }
        catch (ProviderException ex)
        {
            throw new StepException(VideoStages.QaSemantic, ex.Code, $"Gemini could not judge the video: {ex.Message}", ex.Retryable, ex);
        }
        catch (FormatException ex)
        {
            throw new StepException(VideoStages.QaSemantic, "malformed_response", $"Gemini's scores cannot be used: {ex.Message}", retryable: true, ex);
        }
    }
}
