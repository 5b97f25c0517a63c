using System.Globalization;
using System.Text.Json;
using AiProd.Contracts;
using AiProd.Providers.Gemini;

namespace AiProd.Workers.Qa.Gemini;

/// <summary>Gemini's four scores, reasons and feedback: what the score cache keeps.</summary>
public sealed record QaAnswer(QaCriterion VisualQuality, QaCriterion NarrativeCoherence, QaCriterion TechnicalExcellence, QaCriterion Overall, IReadOnlyList<string> Feedback);

public sealed record QaCriterion(double Score, string Reason);

/// <summary>Reads and checks Gemini's QA answer and turns it into the pipeline's <see cref="SemanticQaReport"/>.</summary>
public static class QaReader
{
    public const string Evaluator = "gemini";

    /// <exception cref="FormatException">A score is out of range or a reason is empty.</exception>
    public static QaAnswer Read(JsonElement json)
    {
        var answer = json.Deserialize<QaAnswer>(GeminiJson.Options) ?? throw new FormatException("the answer is empty");
        foreach (var (name, c) in new[] { ("visualQuality", answer.VisualQuality), ("narrativeCoherence", answer.NarrativeCoherence), ("technicalExcellence", answer.TechnicalExcellence), ("overall", answer.Overall) })
        {
            if (c is null || double.IsNaN(c.Score) || c.Score < 0 || c.Score > 10)
                throw new FormatException($"{name} has the score {c?.Score.ToString(CultureInfo.InvariantCulture) ?? "none"}, expected 0–10");
            if (string.IsNullOrWhiteSpace(c.Reason))
                throw new FormatException($"{name} has no reason");
        }

        return answer with { Feedback = (answer.Feedback ?? []).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).ToList() };
    }

    public static SemanticQaReport Report(QaAnswer answer, IReadOnlyList<Keyframe> frames, string model, double threshold)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(frames);
        var at = string.Join(", ", frames.Select(f => f.AtSeconds.ToString("0.##", CultureInfo.InvariantCulture)));
        var source = $" ({model}, {frames.Count} keyframes at {at} s)";
        QaScore Score(QaCriterion c) => new(Math.Round(c.Score, 2), c.Reason.Trim() + source);
        var overall = Math.Round(answer.Overall.Score, 2);
        return new SemanticQaReport(
            Score(answer.VisualQuality), Score(answer.NarrativeCoherence), Score(answer.TechnicalExcellence), Score(answer.Overall),
            threshold, overall >= threshold, answer.Feedback, Evaluator);
    }
}
