using AiProd.ServiceDefaults;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// In the hosting namespace, as eShop's ServiceDefaults: every Program.cs sees these without a using.
namespace Microsoft.Extensions.Hosting;

/// <summary>What every AiProd service host does the same way: health, time, options checks, and its one bus.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Checks with this tag (a store, the asset store) are shown at <c>/health/details</c> but left out of <c>/health</c>:
    /// a store out of reach for a while is retried by the pipeline, and must not take every pod out of its Service.
    /// </summary>
    public const string DependencyTag = "dependency";

    /// <summary>
    /// Health checks (<c>/health</c> readiness includes the bus, <c>/alive</c> liveness), <see cref="TimeProvider"/>,
    /// OpenTelemetry (<see cref="TelemetryRegistration.AddAiProdTelemetry"/>), the log format
    /// (<see cref="LoggingRegistration.AddAiProdLogging"/>), and the bus options (<c>Bus:Transport</c>, and section <c>PubSub</c> when it is "PubSub"), validated at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"])
            .AddCheck<ConfigurationHealthCheck>(ConfigurationHealthCheck.Name, tags: [DependencyTag]);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddBusOptions();
        builder.AddAiProdTelemetry();
        builder.AddAiProdLogging();
        return builder;
    }

    /// <summary>Adds consumers, sagas or endpoints of one role to this host's bus (built by <see cref="AddAiProdBus"/>).</summary>
    public static IHostApplicationBuilder ConfigureBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> configure)
    {
        var parts = BusParts.Of(builder);
        if (parts.Built)
            throw new InvalidOperationException("The bus of this host is already built; add roles before AddAiProdBus.");
        parts.Registrations.Add(configure);
        return builder;
    }

    /// <summary>Topics this host creates at start-up, before anything is published on them (public events, GenerateVideo).</summary>
    public static IHostApplicationBuilder DeclareTopics(this IHostApplicationBuilder builder, params Type[] messageTypes)
    {
        BusParts.Of(builder).DeclaredTopics.UnionWith(messageTypes);
        return builder;
    }

    /// <summary>
    /// Builds the host's bus from every role it runs: MassTransit's in-memory transport (embedded mode) or Google Cloud
    /// Pub/Sub (<c>Bus:Transport=PubSub</c>), with delayed delivery for the saga's step deadlines. Start returns once
    /// every endpoint is ready, so nothing this host publishes right after start lands on a topic nobody subscribes to.
    /// </summary>
    public static IHostApplicationBuilder AddAiProdBus(this IHostApplicationBuilder builder)
    {
        var parts = BusParts.Of(builder);
        if (parts.Built)
            return builder;
        parts.Built = true;
        var transport = BusOptions.From(builder.Configuration);
        // Money as JSON numbers on every transport (MassTransit would write decimals as strings).
        WireJson.Apply();
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            foreach (var registration in parts.Registrations)
                registration(x);
            // Every service creates the public topics at start-up, so other systems can subscribe on a fresh deployment.
            if (transport.IsPubSub)
                x.UsePubSub([.. parts.DeclaredTopics.Union(AiProd.Contracts.PublicTopics.All)]);
            else
                x.UsingInMemory((context, cfg) =>
                {
                    VideoCorrelation.Apply(cfg);
                    cfg.UseDelayedMessageScheduler();
                    cfg.ConfigureEndpoints(context);
                });
        });
        return builder;
    }

    /// <summary>Builds the bus, then the app, and maps <c>/health</c> and <c>/alive</c>: the end of every service's Program.cs.</summary>
    public static WebApplication BuildService(this WebApplicationBuilder builder)
    {
        builder.AddAiProdBus();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }

    /// <summary>
    /// <c>/health</c>: ready (bus started, checks healthy); <c>/alive</c>: the process answers; <c>/health/details</c>:
    /// every check, dependencies included, as JSON; <c>/metrics</c>: the Prometheus scrape of every meter. Open in every environment.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(DependencyTag) });
        app.MapHealthChecks("/health/details", new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        return app;
    }
}
