using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AiProd.Bench.Gateway;

/// <summary>One run of wrk (Debian's 4.1.0): requests per second, the latency percentiles it prints, and what went wrong.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, long Non2xx);

/// <summary>Runs wrk as a real process with a Lua script from this folder and reads its report.</summary>
internal static partial class Wrk
{
    public static bool IsInstalled() =>
        Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(p => File.Exists(Path.Combine(p, "wrk"))) == true;

    public static async Task<WrkResult> RunAsync(Uri url, string script, string apiKey, int threads, int connections, TimeSpan duration)
    {
        var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", $"{threads}", "-c", $"{connections}", "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "5s", "--latency",
                     "-s", Path.Combine(AppContext.BaseDirectory, "Gateway", script), url.AbsoluteUri })
            psi.ArgumentList.Add(arg);
        psi.Environment["AIPROD_KEY"] = apiKey;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await error}{text}");
        return Parse(text);
    }

    internal static WrkResult Parse(string text)
    {
        double Latency(string percentile)
        {
            var m = Regex.Match(text, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
            if (!m.Success)
                return double.NaN;
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60_000 };
        }

        long Number(Regex pattern, int group = 1) => pattern.Match(text) is { Success: true } m ? long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

        var socket = SocketErrors().Match(text);
        var errors = socket.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture)) : 0;
        var rps = RequestsPerSecond().Match(text);
        return new WrkResult(
            rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
            Latency("50"), Latency("99"), Number(Requests()), errors, Number(Non2xx()));
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
