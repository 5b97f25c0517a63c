using System.Globalization;
using AiProd.Contracts;
using AiProd.Embedded;
using AiProd.Orchestration;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiProd.Bench.Scaling;

/// <summary>
/// The baseline: the whole pipeline in this process (embedded mode, in-memory bus and saga store) with the same
/// fixed-time renderer, built as <see cref="PipelineBench"/> builds it.
/// </summary>
internal sealed class InMemoryPipeline(IHost host) : IAsyncDisposable
{
    public static async Task<InMemoryPipeline> StartAsync(string work, FixedTimeRenderOptions render)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Assets:Root"] = Path.Combine(work, "assets"),
            ["Saga:Store"] = "InMemory",
            ["Workers:RenderConcurrency"] = "4",
            ["Render:DeliveryPreset"] = ScalingBench.DeliveryPreset,
            [$"{FixedTimeRenderOptions.Section}:{nameof(FixedTimeRenderOptions.ShotTime)}"] = render.ShotTime.ToString("c", CultureInfo.InvariantCulture),
            [$"{FixedTimeRenderOptions.Section}:{nameof(FixedTimeRenderOptions.TemplateFolder)}"] = render.TemplateFolder,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults().AddEmbeddedPipeline().AddFixedTimeRenderer().AddAiProdBus();
        var host = builder.Build();
        await host.StartAsync();
        return new InMemoryPipeline(host);
    }

    /// <summary>Publishes every request at once and waits until each video is Complete or Failed.</summary>
    public async Task<IReadOnlyList<BenchVideo>> RunAsync(IReadOnlyList<VideoRequest> requests, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var bus = host.Services.GetRequiredService<IBus>();
        var reader = host.Services.GetRequiredService<VideoStatusReader>();
        var ids = requests.Select(_ => NewId.NextGuid()).ToList();
        await Task.WhenAll(ids.Zip(requests, (id, request) => bus.Publish(new GenerateVideo(id, request), cancellationToken)));
        return await BatchWait.WaitAsync(
            ids, async (id, token) => await reader.FindAsync(id, token) is { } status ? BenchVideo.From(status) : null,
            TimeSpan.FromMilliseconds(50), timeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(stop.Token);
        host.Dispose();
    }
}
