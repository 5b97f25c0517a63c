using AiProd.Assets;
using AiProd.Media;
using AiProd.Workers.Common;
using AiProd.Workers.Creative;
using AiProd.Workers.Delivery;
using AiProd.Workers.Financial;
using AiProd.Workers.Qa;
using AiProd.Workers.Render;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiProd.Workers.Tests.Consumers;

/// <summary>
/// The real worker services (ffmpeg, asset store in a temp folder) behind their consumers, on MassTransit's test
/// harness; tests publish commands and read the events the workers answer with.
/// </summary>
internal sealed class WorkerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private WorkerHarness(ServiceProvider provider, string root)
    {
        _provider = provider;
        Root = root;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    /// <summary>A temporary folder of the harness, deleted with it; the asset root unless another was given.</summary>
    public string Root { get; }

    public IServiceProvider Services => _provider;

    public static async Task<WorkerHarness> StartAsync(Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null, string? root = null)
    {
        var temp = Directory.CreateTempSubdirectory("aiprod-workers-").FullName;
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Assets:Root"] = root ?? temp };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var collection = new ServiceCollection()
            .AddLogging()
            .Configure<AssetOptions>(configuration.GetSection(AssetOptions.Section))
            .Configure<WorkerOptions>(_ => { })
            .AddSingleton<IAssetStore, LocalAssetStore>()
            .AddSingleton<IVideoDelivery, AssetStoreDelivery>()
            .AddCreativeServices(configuration).AddFinancialServices(configuration)
            .AddRenderServices(configuration).AddQaServices(configuration);
        services?.Invoke(collection);
        collection.AddMassTransitTestHarness(x =>
        {
            x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(2));
            // Every role's consumers, each on its role's endpoint as its service runs it.
            x.AddConsumers(typeof(SanitizeInputConsumer).Assembly, typeof(EstimateCostConsumer).Assembly, typeof(RenderShotConsumer).Assembly,
                typeof(RunTechnicalQaConsumer).Assembly, typeof(FinalizeVideoConsumer).Assembly);
        });

        var provider = collection.BuildServiceProvider(true);
        var harness = new WorkerHarness(provider, temp);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Sends a command to its role's endpoint, as the saga does.</summary>
    public async Task SendAsync<T>(T command)
        where T : class
    {
        var endpoint = await Harness.Bus.GetSendEndpoint(AiProd.Contracts.RoleEndpoints.AddressFor(typeof(T)));
        await endpoint.Send(command);
    }

    /// <summary>Waits (polling, up to 60 s) until <paramref name="count"/> messages of <typeparamref name="T"/> are published.</summary>
    public async Task<List<T>> Published<T>(int count = 1)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var found = Harness.Published.Select<T>(CancellationToken.None).Select(m => m.Context.Message).ToList();
            if (found.Count >= count)
                return found;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Expected {count} {typeof(T).Name}, got {found.Count}.");
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
