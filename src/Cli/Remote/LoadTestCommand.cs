using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace AiProd.Cli.Remote;

/// <summary>
/// <c>aiprod loadtest --url URL [--api-key K] --requests N --concurrency C [--duration S] [--json]</c>: submits videos to
/// a gateway, follows each to its end with live progress, then prints the percentiles, throughput, errors and cost.
/// Exit 0 when every video completed, 1 when any did not, 2 for bad options, 130 when interrupted.
/// </summary>
public static class LoadTestCommand
{
    private static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var url = RemoteOptions.Url();
        var key = RemoteOptions.ApiKey();
        var requests = new Option<int>("--requests") { Description = $"Videos to submit (1–{LoadTestOptions.MaxRequests}).", DefaultValueFactory = _ => 20 };
        var concurrency = new Option<int>("--concurrency") { Description = $"Videos in flight at once (1–{LoadTestOptions.MaxConcurrency}).", DefaultValueFactory = _ => 4 };
        var duration = new Option<double>("--duration") { Description = "Stop after this many seconds at most; what still runs counts as 'timeout'.", DefaultValueFactory = _ => 600 };
        var seconds = new Option<double>("--video-duration") { Description = "Length of each video in seconds.", DefaultValueFactory = _ => 3 };
        var prompt = new Option<string>("--prompt") { Description = "The prompt each video gets (numbered).", DefaultValueFactory = _ => "A paper boat drifting down a rainy street" };
        var json = RemoteOptions.Json();
        var command = new Command("loadtest", "Submit many videos to a gateway and measure latency, throughput, errors and cost.")
        {
            url, key, requests, concurrency, duration, seconds, prompt, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(url)!, parse.GetValue(key),
            new LoadTestOptions(parse.GetValue(requests), parse.GetValue(concurrency), TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(duration), -1, 1e6)),
                parse.GetValue(prompt)!, parse.GetValue(seconds), TimeSpan.FromMilliseconds(500)),
            parse.GetValue(json), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(Uri url, string? apiKey, LoadTestOptions options, bool json, CancellationToken cancellationToken)
    {
        if (options.Problems() is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
                await Console.Error.WriteLineAsync(problem);
            return ExitCodes.Usage;
        }

        using var gateway = new GatewayClient(url, apiKey);
        var run = new LoadTestRun(gateway, options, TimeProvider.System);
        var report = json ? await run.RunAsync(cancellationToken) : await WithProgressAsync(run, options, cancellationToken);
        if (json)
            Console.Out.WriteLine(JsonSerializer.Serialize(report, JsonOut));
        else
            Print(report);
        return report.Interrupted ? ExitCodes.Interrupted : report.Failed == 0 && report.Completed == options.Requests ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<LoadTestReport> WithProgressAsync(LoadTestRun run, LoadTestOptions options, CancellationToken cancellationToken)
    {
        var running = run.RunAsync(cancellationToken);
        if (!RemoteOptions.Interactive)
        {
            // Plain and stable for a pipe or a log: a line every 5 s.
            while (await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)) != running)
                Console.Out.WriteLine(ProgressLine(run, options));
            return await running;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var submitted = ctx.AddTask("submitted", maxValue: options.Requests);
                var finished = ctx.AddTask("finished", maxValue: options.Requests);
                while (!running.IsCompleted)
                {
                    var (s, inFlight, done) = run.Snapshot();
                    submitted.Value = s;
                    finished.Value = done.Count;
                    finished.Description = $"finished ([green]{done.Count(r => r.Succeeded)} ok[/], [red]{done.Count(r => !r.Succeeded)} failed[/], {inFlight} in flight)";
                    await Task.WhenAny(running, Task.Delay(250, CancellationToken.None));
                }

                var (last, _, all) = run.Snapshot();
                submitted.Value = last;
                finished.Value = all.Count;
            });
        return await running;
    }

    private static string ProgressLine(LoadTestRun run, LoadTestOptions options)
    {
        var (submitted, inFlight, done) = run.Snapshot();
        return string.Create(CultureInfo.InvariantCulture,
            $"progress: submitted {submitted}/{options.Requests}, finished {done.Count} ({done.Count(r => r.Succeeded)} ok, {done.Count(r => !r.Succeeded)} failed), in flight {inFlight}");
    }

    private static void Print(LoadTestReport r)
    {
        var ci = CultureInfo.InvariantCulture;
        if (RemoteOptions.Interactive)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn(new TableColumn("p50").RightAligned())
                .AddColumn(new TableColumn("p95").RightAligned()).AddColumn(new TableColumn("p99").RightAligned()).AddColumn(new TableColumn("max").RightAligned());
            table.AddRow("submit latency (ms)", r.SubmitLatencyMs.P50.ToString("0.0", ci), r.SubmitLatencyMs.P95.ToString("0.0", ci), r.SubmitLatencyMs.P99.ToString("0.0", ci), r.SubmitLatencyMs.Max.ToString("0.0", ci));
            table.AddRow("end to end (s)", r.EndToEndSeconds.P50.ToString("0.00", ci), r.EndToEndSeconds.P95.ToString("0.00", ci), r.EndToEndSeconds.P99.ToString("0.00", ci), r.EndToEndSeconds.Max.ToString("0.00", ci));
            AnsiConsole.Write(table);
        }

        Console.Out.WriteLine(string.Create(ci, $"requests: {r.Attempted} of {r.Requested} sent, {r.Accepted} accepted, {r.Completed} completed, {r.Failed} not completed in {r.ElapsedSeconds:0.0} s"));
        Console.Out.WriteLine(string.Create(ci, $"submit latency ms: p50 {r.SubmitLatencyMs.P50:0.0}, p95 {r.SubmitLatencyMs.P95:0.0}, p99 {r.SubmitLatencyMs.P99:0.0}"));
        Console.Out.WriteLine(string.Create(ci, $"end to end s: p50 {r.EndToEndSeconds.P50:0.00}, p95 {r.EndToEndSeconds.P95:0.00}, p99 {r.EndToEndSeconds.P99:0.00}"));
        Console.Out.WriteLine(string.Create(ci, $"throughput: {r.VideosPerMinute:0.00} videos/min, {r.RequestsPerSecond:0.000} requests/s"));
        Console.Out.WriteLine(string.Create(ci, $"error rate: {r.ErrorRate:P1}{(r.ErrorsByCode.Count == 0 ? string.Empty : " (" + string.Join(", ", r.ErrorsByCode.Select(e => $"{e.Key} {e.Value}")) + ")")}{(r.Throttled > 0 ? $"; {r.Throttled} submissions throttled (429) and sent again" : string.Empty)}"));
        Console.Out.WriteLine(string.Create(ci, $"cost: ${r.TotalCostUsd:0.0000} in all, ${r.CostPerRequestUsd:0.000000} per request"));
    }
}
