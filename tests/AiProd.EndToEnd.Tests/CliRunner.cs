using System.Diagnostics;

namespace AiProd.EndToEnd.Tests;

/// <summary>Runs the real <c>aiprod</c> executable (built beside the tests) as a separate process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>src/Cli's output for the same configuration as these tests (bin/&lt;Configuration&gt;/&lt;tfm&gt;).</summary>
    private static string CliPath
    {
        get
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var (tfm, configuration) = (bin.Name, bin.Parent!.Name);
            var root = bin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(root, "src", "Cli", "bin", configuration, tfm, "aiprod.dll");
            Assert.That(File.Exists(path), Is.True, $"The CLI is not built at {path}.");
            return path;
        }
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(CliPath);
        foreach (var a in args)
            psi.ArgumentList.Add(a);

        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
