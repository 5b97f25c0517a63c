using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Transport.PubSub.Tests;

/// <summary>
/// A MassTransit bus on the emulator with a name prefix of its own, so tests never see each other's topics.
/// Disposing stops the bus.
/// </summary>
internal sealed class TestBus : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private TestBus(ServiceProvider provider, IBusControl bus)
    {
        _provider = provider;
        Bus = bus;
    }

    public IBusControl Bus { get; }

    public IServiceProvider Services => _provider;

    public static string NewPrefix() => $"t{Guid.NewGuid():N}"[..9] + ".";

    public static async Task<TestBus> StartAsync(string prefix, Action<IBusRegistrationConfigurator> register,
        Action<PubSubTransportOptions>? options = null, Action<IBusRegistrationContext, Configuration.IPubSubBusFactoryConfigurator>? configure = null,
        Received? received = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(received ?? new Received());
        // PUBSUB_TEST_LOG=Debug shows the transport's and MassTransit's logs when a test needs explaining.
        if (Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("PUBSUB_TEST_LOG"), out var level))
            services.AddLogging(b => b.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(level));
        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            register(x);
            x.UsingGooglePubSub((context, cfg) =>
            {
                cfg.Host(PubSubEmulator.ProjectId, o =>
                {
                    o.EmulatorHost = PubSubEmulator.Host;
                    o.NamePrefix = prefix;
                    o.BatchDelay = TimeSpan.FromMilliseconds(5);
                    options?.Invoke(o);
                });
                configure?.Invoke(context, cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await bus.StartAsync(timeout.Token);
        return new TestBus(provider, bus);
    }

    public Received Received => _provider.GetRequiredService<Received>();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Bus.StopAsync(timeout.Token);
        // MassTransit keeps the first logger factory in a static; with test logging on, keep it alive for later buses.
        if (Environment.GetEnvironmentVariable("PUBSUB_TEST_LOG") is null)
            await _provider.DisposeAsync();
    }
}

/// <summary>What the test consumers saw, in arrival order.</summary>
public sealed class Received
{
    private readonly ConcurrentQueue<object> _messages = new();

    public IReadOnlyList<object> All => [.. _messages];

    public IReadOnlyList<T> Of<T>() => _messages.OfType<T>().ToList();

    public void Add(object message) => _messages.Enqueue(message);

    /// <summary>Waits until <paramref name="done"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitFor(Func<Received, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(this))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}; received {_messages.Count} message(s).");
            await Task.Delay(50);
        }
    }
}
