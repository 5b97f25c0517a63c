using System.Diagnostics;

namespace AiProd.Deploy.Tests.Support;

/// <summary>A command-line tool run to its end (kubectl, node, bash), with what it printed.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}".Trim();
}

/// <summary>Runs tools the tests need; each run is bounded in time and killed (by its own id) past it.</summary>
public static class Tool
{
    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, string? input = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AiProd.Testing.RepoPaths.Root,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout ?? TimeSpan.FromMinutes(2)}");
        }

        return new ToolResult(process.ExitCode, await output, await errors);
    }

    /// <summary>The validator's folder, with its pinned packages (installed by scripts/ensure-deps.sh).</summary>
    public static string ValidatorFolder => Path.Combine(AiProd.Testing.RepoPaths.Root, "k8s", "validate");

    /// <summary><c>node k8s/validate/validate.mjs</c> on YAML given as text (standard input).</summary>
    public static Task<ToolResult> ValidateAsync(string yaml) =>
        RunAsync("node", [Path.Combine(ValidatorFolder, "validate.mjs"), "-"], yaml);
}
