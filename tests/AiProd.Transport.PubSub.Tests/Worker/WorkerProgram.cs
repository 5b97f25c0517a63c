using AiProd.Transport.PubSub.Configuration;
using AiProd.Transport.PubSub.Tests.Messages;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Transport.PubSub.Tests.Worker;

/// <summary>
/// The test assembly's entry point. <c>dotnet AiProd.Transport.PubSub.Tests.dll worker key=value…</c> runs a worker
/// host in its own process, so a test can stop it the way Kubernetes does (SIGTERM); it reports on standard output
/// ("ready", "started N", "completed N", "stopped"). Without that argument it does nothing: tests run under the
/// NUnit adapter, which never calls it.
/// </summary>
public static class WorkerProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["worker", .. var settings])
            return 0;
        var options = WorkerOptions.Parse(settings);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        // The host gives the bus more time to stop than the transport's StopTimeout, as a pod's grace period should.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.StopTimeout + TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton(options);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(x =>
        {
            x.AddConsumer<WorkerJobConsumer, WorkerJobConsumerDefinition>();
            x.UsingGooglePubSub((context, cfg) =>
            {
                cfg.Host(options.ProjectId, o =>
                {
                    o.EmulatorHost = options.EmulatorHost;
                    o.NamePrefix = options.Prefix;
                    o.StopTimeout = options.StopTimeout;
                    o.BatchDelay = TimeSpan.FromMilliseconds(5);
                });
                cfg.ConfigureEndpoints(context);
            });
        });

        using var host = builder.Build();
        await host.StartAsync();
        WorkerOutput.Write("ready");
        await host.WaitForShutdownAsync();
        WorkerOutput.Write("stopped");
        return 0;
    }
}

public sealed record WorkerOptions(string EmulatorHost, string ProjectId, string Prefix, string Endpoint, bool Ordered, int Concurrency, TimeSpan StopTimeout)
{
    public IEnumerable<string> ToArgs() =>
    [
        "worker", $"emulator={EmulatorHost}", $"project={ProjectId}", $"prefix={Prefix}", $"endpoint={Endpoint}", $"ordered={Ordered}",
        $"concurrency={Concurrency}", $"stop-timeout-ms={(int)StopTimeout.TotalMilliseconds}",
    ];

    public static WorkerOptions Parse(IEnumerable<string> settings)
    {
        var values = settings.Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new WorkerOptions(values["emulator"], values["project"], values["prefix"], values["endpoint"], bool.Parse(values["ordered"]),
            int.Parse(values["concurrency"], System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(int.Parse(values["stop-timeout-ms"], System.Globalization.CultureInfo.InvariantCulture)));
    }
}

/// <summary>Works on a job for as long as it says, reporting start and completion.</summary>
public sealed class WorkerJobConsumer : IConsumer<SlowJob>
{
    public async Task Consume(ConsumeContext<SlowJob> context)
    {
        WorkerOutput.Write($"started {context.Message.Number}");
        await Task.Delay(context.Message.Milliseconds);
        WorkerOutput.Write($"completed {context.Message.Number}");
    }
}

public sealed class WorkerJobConsumerDefinition : ConsumerDefinition<WorkerJobConsumer>
{
    public WorkerJobConsumerDefinition(WorkerOptions options)
    {
        EndpointName = options.Endpoint;
        ConcurrentMessageLimit = options.Concurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<WorkerJobConsumer> consumer, IRegistrationContext context)
    {
        if (endpoint is IPubSubReceiveEndpointConfigurator pubsub)
            pubsub.EnableMessageOrdering = context.GetRequiredService<WorkerOptions>().Ordered;
    }
}

internal static class WorkerOutput
{
    private static readonly object Gate = new();

    public static void Write(string line)
    {
        lock (Gate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
