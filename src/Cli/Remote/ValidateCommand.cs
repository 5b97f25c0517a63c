using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace AiProd.Cli.Remote;

/// <summary>
/// <c>aiprod validate --url URL [--api-key K] [--requests 20] [--json]</c>: the production checks (<see cref="ProductionChecks"/>) as a
/// table; exit 0 only when every check passes, 1 otherwise.
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var url = RemoteOptions.Url();
        var key = RemoteOptions.ApiKey();
        var json = RemoteOptions.Json();
        var requests = new Option<int>("--requests") { Description = "Videos of the small load (4 at once; at least 95 % must complete).", DefaultValueFactory = _ => 20 };
        var command = new Command("validate", "Check a running gateway as production needs it: health, dependencies, a small load, metrics, security.") { url, key, requests, json };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(url)!, parse.GetValue(key), parse.GetValue(requests), parse.GetValue(json), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(Uri url, string? apiKey, int requests, bool json, CancellationToken cancellationToken)
    {
        var load = new LoadTestOptions(requests, 4, TimeSpan.FromMinutes(5), "A paper boat drifting down a rainy street", 3, TimeSpan.FromSeconds(1));
        if (load.Problems() is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
                await Console.Error.WriteLineAsync(problem);
            return ExitCodes.Usage;
        }

        using var gateway = new GatewayClient(url, apiKey);
        var checks = new List<ValidationCheck>();
        var interactive = RemoteOptions.Interactive && !json;
        await foreach (var check in new ProductionChecks(gateway, load).RunAsync(cancellationToken))
        {
            checks.Add(check);
            if (!json && !interactive)
                Console.Out.WriteLine($"{(check.Passed ? "PASS" : "FAIL")}  {check.Name}: {check.Detail}");
            else if (interactive)
                AnsiConsole.MarkupLine($"{(check.Passed ? "[green]✓[/]" : "[red]✗[/]")} {Markup.Escape(check.Name)}");
        }

        var passed = checks.All(c => c.Passed);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new { url = url.ToString(), passed, checks }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        }
        else if (interactive)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("check").AddColumn("result").AddColumn("detail");
            foreach (var c in checks)
                table.AddRow(Markup.Escape(c.Name), c.Passed ? "[green]pass[/]" : "[red]FAIL[/]", Markup.Escape(c.Detail));
            AnsiConsole.Write(table);
        }

        if (!json)
            Console.Out.WriteLine(passed ? $"All {checks.Count} checks passed." : $"{checks.Count(c => !c.Passed)} of {checks.Count} checks failed.");
        return passed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
