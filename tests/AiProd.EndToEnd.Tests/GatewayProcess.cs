using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AiProd.EndToEnd.Tests;

/// <summary>The gateway as a separate process (built beside the tests), so a test can kill it like a crash would.</summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>The admin key every test gateway accepts (<c>Auth__BootstrapKey</c>), random per test run.</summary>
    public static string BootstrapKey { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>A client of <paramref name="address"/> that sends <paramref name="key"/> (the bootstrap key unless given).</summary>
    public static HttpClient Client(Uri address, string? key = null)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key ?? BootstrapKey);
        return http;
    }

    /// <summary>A client of this gateway with the bootstrap key.</summary>
    public HttpClient Client() => Client(Address);

    public static Task<GatewayProcess> StartAsync(string dataFolder, params string[] settings) => StartAsync(dataFolder, null, settings);

    /// <summary>Starts the gateway with extra environment variables (how keys reach it in production).</summary>
    public static async Task<GatewayProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string>? environment, params string[] settings)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataFolder };
        // A developer's own provider keys must never send a test to a real API.
        foreach (var key in new[] { "GEMINI_API_KEY", "RUNWAYML_API_SECRET", "REPLICATE_API_TOKEN" })
            psi.Environment.Remove(key);
        // Auth on, as in production; the tests poll far faster than a client's default rate limit.
        psi.Environment["Auth__BootstrapKey"] = BootstrapKey;
        psi.Environment["RateLimits__RequestsPerMinute"] = "1000000";
        psi.Environment["RateLimits__Burst"] = "100000";
        psi.Environment["RateLimits__AnonymousRequestsPerMinute"] = "1000000";
        psi.Environment["RateLimits__AnonymousBurst"] = "100000";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            psi.Environment[name] = value;
        foreach (var arg in new[] { BuiltPath("Gateway", "AiProd.Gateway.dll"), "--urls", $"http://127.0.0.1:{port}", "--Assets:Root", Path.Combine(dataFolder, "assets") }.Concat(settings))
            psi.ArgumentList.Add(arg);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                Assert.Fail($"The gateway exited with {process.ExitCode} while starting.");
            try
            {
                if ((await http.GetAsync(new Uri(gateway.Address, "/health"))).StatusCode == HttpStatusCode.OK)
                    return gateway;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await gateway.DisposeAsync();
        Assert.Fail("The gateway did not become healthy within 60 s.");
        return null!;
    }

    /// <summary>SIGKILL: no shutdown, no flushing, exactly like a crash.</summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>src/&lt;project&gt;'s output for the same configuration as these tests.</summary>
    public static string BuiltPath(string project, string file)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (bin.Name, bin.Parent!.Name);
        var root = bin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", project, "bin", configuration, tfm, file);
        Assert.That(File.Exists(path), Is.True, $"{file} is not built at {path}.");
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
