using System.Collections.Concurrent;
using AiProd.Assets;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Providers.Gemini;
using AiProd.Providers.Tests.Stubs;
using AiProd.Workers.Common;
using AiProd.Workers.Creative;
using AiProd.Workers.Creative.Direction;
using AiProd.Workers.Creative.Gemini;
using AiProd.Workers.Financial;
using AiProd.Workers.Qa;
using AiProd.Workers.Qa.Gemini;
using AiProd.Workers.Render;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Providers.Tests.Gemini;

/// <summary>
/// The real registration (planning + media + providers) against a Gemini stub on loopback, with small timings so
/// retries and breakers are fast; every log line is kept so tests can check what was (not) logged.
/// </summary>
internal sealed class GeminiKit : IAsyncDisposable
{
    private GeminiKit(GeminiStub stub, ServiceProvider services, ConcurrentQueue<string> logs)
    {
        Stub = stub;
        Services = services;
        Logs = logs;
    }

    public GeminiStub Stub { get; }

    public ServiceProvider Services { get; }

    public ConcurrentQueue<string> Logs { get; }

    public ICreativeDirector Director => Services.GetRequiredService<ICreativeDirector>();

    public ISemanticQa SemanticQa => Services.GetRequiredService<ISemanticQa>();

    public GeminiCaches Caches => Services.GetRequiredService<GeminiCaches>();

    /// <summary>Starts a stub and a container configured for it; <paramref name="settings"/> override the fast defaults.</summary>
    public static async Task<GeminiKit> StartAsync(params (string Key, string? Value)[] settings)
    {
        var stub = await GeminiStub.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Providers:Gemini:BaseUrl"] = stub.BaseUrl.ToString(),
            ["Providers:Gemini:ApiKey"] = stub.Key,
            ["Providers:Gemini:RetryBaseDelay"] = "00:00:00.020",
            ["Providers:Gemini:AttemptTimeout"] = "00:00:05",
            ["Providers:Gemini:TotalTimeout"] = "00:00:20",
            ["Providers:Gemini:BreakerMinimumThroughput"] = "100",
            ["Providers:Gemini:KeyframeCount"] = "4",
            ["Providers:Gemini:KeyframeWidth"] = "160",
        };
        foreach (var (key, value) in settings)
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var logs = new ConcurrentQueue<string>();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(logs)))
            .AddCreativeServices(configuration).AddFinancialServices(configuration)
            .AddRenderServices(configuration).AddQaServices(configuration)
            // The asset store every worker host registers (the render role keeps prepared soundtracks there).
            .AddAiProdAssets(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new GeminiKit(stub, services, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Stub.DisposeAsync();
    }

    public static DirectCreative Command(string prompt = "A lighthouse at dusk, waves crashing on the rocks", double seconds = 6, int scenes = 3, int attempt = 1,
        SemanticQaReport? previousQa = null, CreativeDirection? previousDirection = null) =>
        new(Guid.NewGuid(), attempt, new VideoRequest(prompt, seconds), new RequestAnalysis(0.4, scenes, ["lighthouse", "waves"], new Dictionary<string, double>()),
            previousQa, previousDirection);

    /// <summary>A QA report that failed, with reasons and tagged feedback, as the saga hands it to the next attempt.</summary>
    public static SemanticQaReport FailedQa() => new(
        new QaScore(5.1, "frames are dim (mean luma 48)"),
        new QaScore(6.0, "the planned cut at 2 s is missing"),
        new QaScore(5.5, "the picture hardly moves"),
        new QaScore(5.4, "mean of the three"),
        7.0, false, ["more-motion: keep the subject moving.", "brighter: lift the exposure."], "gemini");

    /// <summary>Text of every part sent in a recorded request.</summary>
    public static string TextOf(GeminiStubCall call) =>
        string.Join('\n', call.Body!["contents"]!.AsArray().SelectMany(c => c!["parts"]!.AsArray()).Select(p => p!["text"]?.GetValue<string>()).OfType<string>());

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                lines.Enqueue(string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")));
        }
    }
}
