using System.Threading.Channels;
using AiProd.Contracts;
using AiProd.Orchestration;

namespace AiProd.Cli;

/// <summary>Prints a video's progress, stage by stage, and its outcome.</summary>
public static class ProgressPrinter
{
    /// <summary>Prints every state change of <paramref name="videoId"/> until it completes or fails; returns that final event.</summary>
    public static async Task<object> FollowAsync(ChannelReader<object> events, Guid videoId, CancellationToken cancellationToken)
    {
        await foreach (var e in events.ReadAllAsync(cancellationToken))
        {
            switch (e)
            {
                case VideoStateChanged changed when changed.VideoId == videoId:
                    var detail = string.IsNullOrWhiteSpace(changed.Detail) ? string.Empty : $"  ({changed.FromState}: {changed.Detail})";
                    Console.WriteLine($"[{changed.ProgressPercent,3}%] {changed.ToState,-15}{detail}");
                    break;
                case VideoCompleted completed when completed.VideoId == videoId:
                    return completed;
                case VideoFailed failed when failed.VideoId == videoId:
                    return failed;
            }
        }

        throw new OperationCanceledException();
    }

    public static void PrintSuccess(string file, string manifest, VideoCompleted completed, VideoStatus status, TimeSpan elapsed)
    {
        var tech = status.Qa.Technical;
        var sem = status.Qa.Semantic;
        Console.WriteLine();
        Console.WriteLine($"Video:        {file}");
        Console.WriteLine($"Duration:     {completed.DurationSeconds:0.00} s, made in {elapsed.TotalSeconds:0.0} s");
        if (tech is not null)
            Console.WriteLine($"Technical QA: {(tech.Passed ? "passed" : "failed")} {tech.PassedChecks}/{tech.TotalChecks} checks, {tech.Defects.Count} defect(s)");
        if (sem is not null)
            Console.WriteLine($"Semantic QA:  {(sem.Passed ? "passed" : "failed")} overall {sem.Overall.Score:0.0}/10 (visual {sem.VisualQuality.Score:0.0}, narrative {sem.NarrativeCoherence.Score:0.0}, technical {sem.TechnicalExcellence.Score:0.0}; threshold {sem.Threshold:0.0})");
        Console.WriteLine($"Cost:         estimated ${completed.EstimatedCostUsd:0.000}, actual ${completed.ActualCostUsd:0.000} ({status.Cost.Backend ?? "local"})");
        PrintBackends(Console.Out, status);
        Console.WriteLine($"Manifest:     {manifest}");
    }

    /// <summary>One line per backend: attempts by outcome and what they cost.</summary>
    public static void PrintBackends(TextWriter writer, VideoStatus status)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(status);
        foreach (var b in status.Cost.ByBackend)
        {
            var outcomes = new[] { (b.Succeeded, "succeeded"), (b.Refused, "refused"), (b.Failed, "failed"), (b.Skipped, "skipped") }
                .Where(o => o.Item1 > 0).Select(o => $"{o.Item1} {o.Item2}");
            writer.WriteLine($"  {b.Backend,-16}{string.Join(", ", outcomes)}; ${b.CostUsd:0.000}");
        }
    }

    public static int PrintFailure(VideoError error, VideoStatus? status = null)
    {
        Console.Error.WriteLine();
        Console.Error.WriteLine($"Failed in {error.Stage} [{error.Code}]: {error.Message}");
        if (status is { Cost.ByBackend.Count: > 0 })
        {
            Console.Error.WriteLine($"Spent:        ${status.Cost.ActualUsd:0.000} of ${status.Cost.BudgetUsd:0.00}");
            PrintBackends(Console.Error, status);
        }

        Console.Error.WriteLine(error.Retryable ? "Trying again may help." : "Trying again with the same request will not help.");
        return ExitCodes.Failed;
    }
}
