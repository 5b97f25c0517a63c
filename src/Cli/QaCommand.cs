using System.CommandLine;
using System.Text.Json;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Workers.Qa;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Cli;

/// <summary><c>aiprod qa file.mp4</c>: the technical QA gate on any video file.</summary>
public static class QaCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The video file to check." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("qa", "Run the technical QA gate on a video file; exits 0 when it passes.") { file, json };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(file)!, parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, bool json, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"No such file: {file.FullName}");
            return ExitCodes.Usage;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var services = new ServiceCollection().AddLogging().AddQaServices(configuration).BuildServiceProvider();
        var report = await services.GetRequiredService<ITechnicalQa>().CheckAsync(file.FullName, null, [], cancellationToken);

        if (json)
            Console.WriteLine(JsonSerializer.Serialize(report, Json));
        else
            Print(file, report);
        return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Print(FileInfo file, TechnicalQaReport report)
    {
        Console.WriteLine($"{file.Name}: {(report.Passed ? "PASSED" : "FAILED")} ({report.PassedChecks}/{report.TotalChecks} checks)");
        foreach (var check in report.Checks)
            Console.WriteLine($"  [{(check.Passed ? "ok" : "FAIL"),4}] {check.Name,-16} {check.Actual} (expected {check.Expected})");
        foreach (var defect in report.Defects)
            Console.WriteLine($"  defect: {defect.Kind} at {defect.StartSeconds:0.00} s for {defect.DurationSeconds:0.00} s{(defect.Blocking ? " (blocking)" : string.Empty)}");
        foreach (var reason in report.Reasons)
            Console.WriteLine($"  - {reason}");
    }
}
