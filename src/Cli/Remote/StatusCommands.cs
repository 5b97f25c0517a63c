using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace AiProd.Cli.Remote;

/// <summary>
/// <c>aiprod status ID</c>, <c>aiprod list</c> and <c>aiprod watch ID</c> against a gateway. Exit codes: status and list 0,
/// 1 when the gateway refuses or the video is unknown; watch 0 when the video completes, 1 when it fails, 130 interrupted.
/// </summary>
public static class StatusCommands
{
    private static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Status()
    {
        var (url, key, json) = (RemoteOptions.Url(), RemoteOptions.ApiKey(), RemoteOptions.Json());
        var id = new Argument<Guid>("id") { Description = "The video's id." };
        var command = new Command("status", "Show one video's state, stage, progress, error and cost from a gateway.") { id, url, key, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var gateway = new GatewayClient(parse.GetValue(url)!, parse.GetValue(key));
            var (status, body, _) = await gateway.GetAsync($"/v1/videos/{parse.GetValue(id)}", cancellationToken);
            if (status != 200 || body is not { } b)
                return await RefusedAsync(status, body);
            if (parse.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize(b, JsonOut));
            else
                PrintStatus(VideoStatusView.From(b));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command List()
    {
        var (url, key, json) = (RemoteOptions.Url(), RemoteOptions.ApiKey(), RemoteOptions.Json());
        var state = new Option<string?>("--state") { Description = "Only videos in this state (one of the 11, or Failed)." };
        var size = new Option<int>("--page-size") { Description = "How many (1–100).", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "List your videos on a gateway, newest first.") { url, key, state, size, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var gateway = new GatewayClient(parse.GetValue(url)!, parse.GetValue(key));
            var query = $"/v1/videos?pageSize={parse.GetValue(size)}" + (parse.GetValue(state) is { } s ? $"&state={Uri.EscapeDataString(s)}" : string.Empty);
            var (status, body, _) = await gateway.GetAsync(query, cancellationToken);
            if (status != 200 || body is not { } b)
                return await RefusedAsync(status, body);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(b, JsonOut));
                return ExitCodes.Ok;
            }

            var items = b.GetProperty("items").EnumerateArray().Select(VideoStatusView.From).ToList();
            if (RemoteOptions.Interactive)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumn("id").AddColumn("state").AddColumn(new TableColumn("progress").RightAligned()).AddColumn("error");
                foreach (var v in items)
                    table.AddRow(v.Id.ToString(), Markup.Escape(v.State), $"{v.Progress} %", Markup.Escape(v.ErrorCode ?? string.Empty));
                AnsiConsole.Write(table);
            }
            else
            {
                foreach (var v in items)
                    Console.Out.WriteLine($"{v.Id}  {v.State,-14} {v.Progress,3} %  {v.ErrorCode}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Watch()
    {
        var (url, key) = (RemoteOptions.Url(), RemoteOptions.ApiKey());
        var id = new Argument<Guid>("id") { Description = "The video's id." };
        var timeout = new Option<double>("--timeout") { Description = "Give up after this many minutes.", DefaultValueFactory = _ => 30 };
        var command = new Command("watch", "Follow one video on a gateway until it completes or fails.") { id, url, key, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var gateway = new GatewayClient(parse.GetValue(url)!, parse.GetValue(key));
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromMinutes(Math.Clamp(parse.GetValue(timeout), 0.1, 24 * 60)));
            try
            {
                var final = await WatchAsync(gateway, parse.GetValue(id), limit.Token);
                if (final is null)
                    return ExitCodes.Failed;
                PrintStatus(final);
                return final.State == "Complete" ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync(cancellationToken.IsCancellationRequested ? "Interrupted." : "Timed out; the video goes on at the gateway.");
                return ExitCodes.Interrupted;
            }
        });
        return command;
    }

    /// <summary>Polls until the video finishes: a progress bar in a terminal, one line per stage otherwise.</summary>
    private static async Task<VideoStatusView?> WatchAsync(GatewayClient gateway, Guid id, CancellationToken cancellationToken)
    {
        VideoStatusView? last = null;
        async Task<VideoStatusView?> Poll()
        {
            var (status, body, retryAfter) = await gateway.GetAsync($"/v1/videos/{id}", cancellationToken);
            if (status == 429)
            {
                await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1), cancellationToken);
                return last;
            }

            if (status != 200 || body is not { } b)
            {
                await RefusedAsync(status, body);
                return null;
            }

            return VideoStatusView.From(b);
        }

        if (!RemoteOptions.Interactive)
        {
            while (true)
            {
                var now = await Poll();
                if (now is null)
                    return null;
                if (last is null || now.State != last.State)
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss} {now.State} {now.Progress} %"));
                last = now;
                if (now.Finished)
                    return now;
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(id.ToString()[..8], maxValue: 100);
                while (true)
                {
                    var now = await Poll();
                    if (now is null)
                        return;
                    last = now;
                    task.Value = now.Progress;
                    task.Description = $"{id.ToString()[..8]} [bold]{Markup.Escape(now.State)}[/]";
                    if (now.Finished)
                        return;
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            });
        return last;
    }

    internal static void PrintStatus(VideoStatusView v)
    {
        Console.Out.WriteLine($"Video: {v.Id}");
        Console.Out.WriteLine($"State: {v.State} ({v.Progress} %)");
        if (v.ErrorCode is not null)
            Console.Out.WriteLine($"Failed in {v.ErrorStage}: {v.ErrorCode}: {v.ErrorMessage} (retryable: {(v.Retryable == true ? "yes" : "no")})");
        if (v.ActualUsd is { } usd)
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Cost: ${usd:0.0000}{(v.Backend is null ? string.Empty : $" on {v.Backend}")}"));
    }

    private static async Task<int> RefusedAsync(int status, JsonElement? body)
    {
        var detail = body is { } b && b.TryGetProperty("detail", out var d) ? d.GetString() : body is { } t && t.TryGetProperty("title", out var title) ? title.GetString() : null;
        await Console.Error.WriteLineAsync($"The gateway answered {status}{(detail is null ? string.Empty : $": {detail}")}");
        return ExitCodes.Failed;
    }
}
