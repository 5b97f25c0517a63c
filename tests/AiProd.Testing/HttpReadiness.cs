using System.Diagnostics;
using System.Net;

namespace AiProd.Testing;

/// <summary>Waits until a process the tests started answers 200 on a URL, failing fast when it exits.</summary>
public static class HttpReadiness
{
    public static async Task WaitAsync(string name, Uri url, Process? process, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if ((await http.GetAsync(url)).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (process is { HasExited: true })
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before answering on {url.Authority}.");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{name} did not answer on {url.Authority} within {timeout.TotalSeconds} s.");
            await Task.Delay(200);
        }
    }

    /// <summary>gcloud on PATH, or null.</summary>
    public static string? Gcloud() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "gcloud")).FirstOrDefault(File.Exists);

    /// <summary>An emulator's own launcher in the Cloud SDK beside gcloud (skips gcloud's Python start-up), when present.</summary>
    public static string? SdkLauncher(string gcloud, params string[] relative)
    {
        var resolved = new FileInfo(gcloud).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? gcloud;
        var sdkRoot = Path.GetDirectoryName(Path.GetDirectoryName(resolved));
        var launcher = sdkRoot is null ? null : Path.Combine([sdkRoot, .. relative]);
        return launcher is not null && File.Exists(launcher) ? launcher : null;
    }
}
