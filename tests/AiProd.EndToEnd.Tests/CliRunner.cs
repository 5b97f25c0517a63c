using System.Diagnostics;

namespace AiProd.EndToEnd.Tests;

/// <summary>Runs the real <c>aiprod</c> executable (built beside the tests) as a separate process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    private static string CliPath => GatewayProcess.BuiltPath("Cli", "aiprod.dll");

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (configuration such as <c>Providers__Gemini__BaseUrl</c>).</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        // A developer's own provider keys must never send a test to a real API.
        foreach (var key in new[] { "GEMINI_API_KEY", "RUNWAYML_API_SECRET", "REPLICATE_API_TOKEN" })
            psi.Environment.Remove(key);
        foreach (var (name, value) in environment)
            psi.Environment[name] = value;
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
