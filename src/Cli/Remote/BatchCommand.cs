using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace AiProd.Cli.Remote;

/// <summary>
/// <c>aiprod batch requests.jsonl --url URL [--api-key K] [--concurrency 4] [--results file] [--timeout 60]</c>: each
/// line of the file is one request body of <c>POST /v1/videos</c> (blank lines and lines starting with # are skipped);
/// all are submitted, at most <c>--concurrency</c> at once, and followed in one progress view; one JSON line per
/// request goes to the results file (default <c>requests.results.jsonl</c> beside the input). Exit 0 when every video
/// completed, 1 when any did not, 2 when the file is missing or a line is not a JSON object (its number is named).
/// </summary>
public static class BatchCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("requests") { Description = "A JSON Lines file: one request body per line." };
        var (url, key) = (RemoteOptions.Url(), RemoteOptions.ApiKey());
        var concurrency = new Option<int>("--concurrency") { Description = "Videos in flight at once.", DefaultValueFactory = _ => 4 };
        var results = new Option<FileInfo?>("--results") { Description = "Where the results go (default: <requests>.results.jsonl)." };
        var timeout = new Option<double>("--timeout") { Description = "Stop following after this many minutes.", DefaultValueFactory = _ => 60 };
        var command = new Command("batch", "Submit every request of a JSON Lines file to a gateway, follow them all, write a results file.")
        {
            file, url, key, concurrency, results, timeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(file)!, parse.GetValue(url)!, parse.GetValue(key),
            parse.GetValue(concurrency), parse.GetValue(results), TimeSpan.FromMinutes(Math.Clamp(parse.GetValue(timeout), 0.1, 24 * 60)), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo file, Uri url, string? apiKey, int concurrency, FileInfo? resultsFile, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"requests: no file {file.Name}");
            return ExitCodes.Usage;
        }

        var requests = new List<(int Line, JsonObject Body)>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(file.FullName, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                continue;
            try
            {
                if (JsonNode.Parse(line) is JsonObject body)
                {
                    requests.Add((number, body));
                    continue;
                }
            }
            catch (JsonException)
            {
            }

            await Console.Error.WriteLineAsync($"requests: line {number} is not a JSON object");
            return ExitCodes.Usage;
        }

        var options = new LoadTestOptions(Math.Max(requests.Count, 1), concurrency, timeout, "batch", 3, TimeSpan.FromSeconds(1));
        if (requests.Count == 0 || options.Problems().Where(p => !p.StartsWith("--requests", StringComparison.Ordinal) && !p.StartsWith("--duration", StringComparison.Ordinal)).ToList() is { Count: > 0 })
        {
            await Console.Error.WriteLineAsync(requests.Count == 0 ? "requests: the file holds no request" : $"--concurrency: a whole number from 1 to {LoadTestOptions.MaxConcurrency}.");
            return ExitCodes.Usage;
        }

        using var gateway = new GatewayClient(url, apiKey);
        var run = new LoadTestRun(gateway, options, TimeProvider.System, i => requests[i].Body);
        var report = await FollowAsync(run, requests.Count, cancellationToken);
        var target = resultsFile ?? new FileInfo(Path.ChangeExtension(file.FullName, null) + ".results.jsonl");
        await using (var writer = new StreamWriter(target.FullName))
        {
            foreach (var r in run.Snapshot().Finished.OrderBy(r => r.Index))
            {
                var line = new JsonObject
                {
                    ["line"] = requests[r.Index].Line,
                    ["id"] = r.VideoId?.ToString(),
                    ["state"] = r.Final?.State ?? (r.VideoId is null ? "NotAccepted" : "Unfinished"),
                    ["error"] = r.ErrorCode,
                    ["costUsd"] = r.CostUsd,
                    ["seconds"] = r.EndToEnd is { } e ? Math.Round(e.TotalSeconds, 2) : null,
                };
                await writer.WriteLineAsync(line.ToJsonString());
            }
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch: {report.Completed} of {requests.Count} completed, {report.Failed} not, in {report.ElapsedSeconds:0.0} s; cost ${report.TotalCostUsd:0.0000}"));
        Console.Out.WriteLine($"results: {target.FullName}");
        return report.Interrupted ? ExitCodes.Interrupted : report.Completed == requests.Count ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<LoadTestReport> FollowAsync(LoadTestRun run, int total, CancellationToken cancellationToken)
    {
        var running = run.RunAsync(cancellationToken);
        if (!RemoteOptions.Interactive)
        {
            var reported = 0;
            while (await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None)) != running || run.Snapshot().Finished.Count > reported)
            {
                var finished = run.Snapshot().Finished;
                foreach (var r in finished.Skip(reported))
                    Console.Out.WriteLine($"{finished.Count}/{total} {r.VideoId?.ToString() ?? "-"} {r.Final?.State ?? r.ErrorCode}");
                reported = finished.Count;
                if (running.IsCompleted)
                    break;
            }

            return await running;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("batch", maxValue: total);
                while (!running.IsCompleted)
                {
                    var (submitted, inFlight, done) = run.Snapshot();
                    task.Value = done.Count;
                    task.Description = $"{submitted}/{total} submitted, [green]{done.Count(r => r.Succeeded)} done[/], [red]{done.Count(r => !r.Succeeded)} failed[/], {inFlight} running";
                    await Task.WhenAny(running, Task.Delay(250, CancellationToken.None));
                }

                task.Value = run.Snapshot().Finished.Count;
            });
        return await running;
    }
}
