using System.Diagnostics;
using System.Threading.Channels;
using AiProd.Contracts;
using AiProd.Saga;
using AiProd.SagaStore;
using Spectre.Console;

namespace AiProd.Cli;

/// <summary>
/// <c>aiprod generate</c> in a terminal: a live table of the stages (done, running, waiting; time and outcome of each),
/// the overall progress and, while rendering, shots rendered x/y read from the saga this process hosts. Redirected
/// output keeps <see cref="ProgressPrinter"/>'s plain lines.
/// </summary>
internal static class LiveProgress
{
    private static readonly string[] Stages = [.. VideoStages.Ordered.Where(s => s is not VideoStages.Failed)];

    public static async Task<object> FollowAsync(ChannelReader<object> events, Guid videoId, ISagaQueries<VideoState> videos, CancellationToken cancellationToken)
    {
        var rows = Stages.ToDictionary(s => s, _ => (Status: "waiting", Seconds: (double?)null, Detail: string.Empty), StringComparer.Ordinal);
        var current = VideoStages.Init;
        var entered = Stopwatch.GetTimestamp();
        var percent = 0;
        var shots = (Rendered: 0, Total: 0);
        object? outcome = null;
        rows[current] = ("running", null, string.Empty);

        await AnsiConsole.Live(Render(rows, percent, shots, current, entered)).AutoClear(false).StartAsync(async ctx =>
        {
            while (outcome is null)
            {
                var read = events.WaitToReadAsync(cancellationToken).AsTask();
                await Task.WhenAny(read, Task.Delay(300, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                while (events.TryRead(out var e))
                {
                    switch (e)
                    {
                        case VideoStateChanged changed when changed.VideoId == videoId:
                            var left = Stopwatch.GetElapsedTime(entered).TotalSeconds;
                            if (rows.ContainsKey(changed.FromState))
                                rows[changed.FromState] = ("done", (rows[changed.FromState].Seconds ?? 0) + left, changed.Detail ?? string.Empty);
                            current = changed.ToState;
                            entered = Stopwatch.GetTimestamp();
                            percent = changed.ProgressPercent;
                            if (rows.ContainsKey(current))
                                rows[current] = (current == VideoStages.Complete ? "done" : "running", rows[current].Seconds, rows[current].Detail);
                            break;
                        case VideoCompleted completed when completed.VideoId == videoId:
                            outcome = completed;
                            percent = 100;
                            break;
                        case VideoFailed failed when failed.VideoId == videoId:
                            if (rows.ContainsKey(failed.Error.Stage))
                                rows[failed.Error.Stage] = ("failed", rows[failed.Error.Stage].Seconds, failed.Error.Code);
                            outcome = failed;
                            break;
                    }
                }

                if (await videos.GetAsync(videoId, cancellationToken) is { } video)
                    shots = (video.RenderedShots.Count, video.Shots.Count);
                ctx.UpdateTarget(Render(rows, percent, shots, current, entered));
            }
        });
        return outcome!;
    }

    private static Table Render(Dictionary<string, (string Status, double? Seconds, string Detail)> rows, int percent, (int Rendered, int Total) shots, string current, long entered)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{percent} %[/]  shots rendered {shots.Rendered}/{(shots.Total == 0 ? "?" : shots.Total.ToString(System.Globalization.CultureInfo.InvariantCulture))}")
            .AddColumn("stage").AddColumn("status").AddColumn(new TableColumn("time").RightAligned()).AddColumn("outcome");
        foreach (var (stage, row) in rows)
        {
            var seconds = row.Status == "running" && stage == current ? (row.Seconds ?? 0) + Stopwatch.GetElapsedTime(entered).TotalSeconds : row.Seconds;
            var status = row.Status switch
            {
                "done" => "[green]✓ done[/]",
                "running" => "[yellow]● running[/]",
                "failed" => "[red]✗ failed[/]",
                _ => "[grey]waiting[/]",
            };
            table.AddRow(stage, status, seconds is { } s ? $"{s:0.0} s" : string.Empty, Markup.Escape(row.Detail.Length > 60 ? row.Detail[..57] + "..." : row.Detail));
        }

        return table;
    }

    /// <summary>The end of a delivered video in a terminal: one table of what it is, how it scored and what it cost.</summary>
    public static void PrintSummary(string file, string manifest, VideoCompleted completed, Orchestration.VideoStatus status, TimeSpan elapsed)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded).Title("[bold green]Delivered[/]").AddColumn("").AddColumn("");
        table.HideHeaders();
        table.AddRow("Video", Markup.Escape(file));
        table.AddRow("Duration", string.Create(ci, $"{completed.DurationSeconds:0.00} s, made in {elapsed.TotalSeconds:0.0} s"));
        if (status.Qa.Technical is { } tech)
            table.AddRow("Technical QA", $"{(tech.Passed ? "[green]passed[/]" : "[red]failed[/]")} {tech.PassedChecks}/{tech.TotalChecks} checks, {tech.Defects.Count} defect(s)");
        if (status.Qa.Semantic is { } sem)
            table.AddRow("Semantic QA", string.Create(ci, $"{(sem.Passed ? "[green]passed[/]" : "[red]failed[/]")} {sem.Overall.Score:0.0}/10 (visual {sem.VisualQuality.Score:0.0}, narrative {sem.NarrativeCoherence.Score:0.0}, technical {sem.TechnicalExcellence.Score:0.0})"));
        table.AddRow("Cost", string.Create(ci, $"estimated ${completed.EstimatedCostUsd:0.000}, actual ${completed.ActualCostUsd:0.000} ({Markup.Escape(status.Cost.Backend ?? "local")})"));
        foreach (var b in status.Cost.ByBackend)
            table.AddRow(string.Empty, string.Create(ci, $"{Markup.Escape(b.Backend)}: {b.Succeeded} succeeded, {b.Failed} failed, {b.Refused} refused; ${b.CostUsd:0.000}"));
        table.AddRow("Manifest", Markup.Escape(manifest));
        AnsiConsole.Write(table);
    }
}
