using System.Collections.Concurrent;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;
using AiProd.Workers.Creative;
using AiProd.Workers.Financial;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Providers.Tests;

/// <summary>
/// The real render services (ffmpeg, the provider clients with their resilience pipeline, the downloader) wired as
/// production wires them, but pointed at the loopback stubs with small delays; every log line is kept so tests can
/// check that no key leaks.
/// </summary>
internal sealed class RenderKit : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private RenderKit(ServiceProvider provider, string folder, LogSink logs)
    {
        _provider = provider;
        Folder = folder;
        Logs = logs;
    }

    public string Folder { get; }

    public LogSink Logs { get; }

    public IServiceProvider Services => _provider;

    public ShotRenderChain Chain => _provider.GetRequiredService<ShotRenderChain>();

    public static Dictionary<string, string?> Settings(VeoStub? veo = null, RunwayStub? runway = null, ReplicateStub? replicate = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Financial:EnabledBackends"] = "veo3,runway,replicate-wan25,local",
            ["Providers:Download:LoopbackHosts"] = "localhost",
            ["Providers:Download:TrustedCertificateSha256"] = StubHost.CertificateSha256,
        };
        void Add(string section, StubHost host, string key)
        {
            settings[$"{section}:BaseUrl"] = host.ApiBase.ToString();
            settings[$"{section}:ApiKey"] = key;
            settings[$"{section}:AllowedDownloadHosts"] = "localhost";
            settings[$"{section}:PollInterval"] = "00:00:00.020";
            settings[$"{section}:MaxWait"] = "00:00:20";
            settings[$"{section}:RetryBaseDelay"] = "00:00:00.050";
            settings[$"{section}:AttemptTimeout"] = "00:00:10";
            settings[$"{section}:TotalTimeout"] = "00:00:30";
            settings[$"{section}:DownloadTimeout"] = "00:00:10";
            settings[$"{section}:BreakerMinimumThroughput"] = "100";
        }

        if (veo is not null)
            Add("Providers:Veo", veo.Host, VeoStub.Key);
        if (runway is not null)
            Add("Providers:Runway", runway.Host, RunwayStub.Key);
        if (replicate is not null)
        {
            Add("Providers:Replicate", replicate.Host, ReplicateStub.Key);
            settings["Providers:Replicate:PreferWaitSeconds"] = "1";
        }

        return settings;
    }

    public static RenderKit Create(IDictionary<string, string?> settings)
    {
        var folder = Directory.CreateTempSubdirectory("aiprod-providers-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new LogSink();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddCreativeServices(configuration).AddFinancialServices(configuration)
            .AddRenderServices(configuration).AddQaServices(configuration);
        return new RenderKit(services.BuildServiceProvider(validateScopes: true), folder, logs);
    }

    public IShotRenderer Renderer(string backend) =>
        _provider.GetServices<IShotRenderer>().Single(r => r.Backend == backend);

    public string NewFile() => Path.Combine(Folder, $"{Guid.NewGuid():N}.mp4");

    public Task<double> DurationAsync(string file) => _provider.GetRequiredService<MediaProbe>().DurationAsync(file, VideoStages.Render, CancellationToken.None);

    /// <summary>A 3 s 1280×720 shot at 24 fps ending in a cut (the clip must last exactly 72 frames).</summary>
    public static Shot AShot(double seconds = 3, int width = 1280, int height = 720, string transition = "cut") => new(
        "c1-s00-sh01", 0, 0, "a lighthouse beam sweeping over a stormy sea", "wide", "pan right", transition,
        ["the lighthouse in the distance", "the beam crossing the waves", "the beam on the rocks"], seconds,
        new ShotSpec(width, height, 24, "#d08040", "#203050", 0.7, 0.5, "waves", "Lighthouse"));

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Keeps every formatted log line (and exception text) written through the kit's loggers.</summary>
    internal sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Lines.Enqueue($"{formatter(state, exception)} {exception}");
        }
    }
}
