using AiProd.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// In the hosting namespace, as eShop's ServiceDefaults: every Program.cs sees it without a using.
namespace Microsoft.Extensions.Hosting;

/// <summary>OpenTelemetry for every AiProd host: traces and metrics, a Prometheus scrape, OTLP when configured.</summary>
public static class TelemetryRegistration
{
    /// <summary>
    /// Traces from MassTransit (its <c>MassTransit</c> activity source: send, publish, receive, consume, saga), ASP.NET
    /// Core (health, alive and metrics requests left out) and every HttpClient (provider calls); metrics from AiProd's
    /// meters (<see cref="AiProdMeters.All"/>), MassTransit, ASP.NET Core, HttpClient and the runtime. Metrics are read
    /// by the Prometheus exporter (<c>/metrics</c>, mapped by <c>MapDefaultEndpoints</c>); both signals also go over
    /// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces are recorded only when something exports them
    /// (<see cref="RecordTracesKey"/> overrides that); otherwise <see cref="TracePropagationListener"/> keeps their ids
    /// for the logs and the next service at a fraction of the cost. The service name is <c>OTEL_SERVICE_NAME</c>, else
    /// <c>Service:Name</c>, else the application's name.
    /// </summary>
    /// <summary>
    /// <c>true</c>: record every trace even with no exporter (for an in-process listener, a debugger); <c>false</c>: never
    /// record, even with OTLP set; unset: record when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public const string RecordTracesKey = "Telemetry:RecordTraces";

    public static IHostApplicationBuilder AddAiProdTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = ServiceIdentity.Name(builder.Configuration, builder.Environment);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var record = builder.Configuration.GetValue<bool?>(RecordTracesKey) ?? otlp;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: Environment.MachineName));
        if (record)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource("MassTransit")
                    .AddSource(AiProdMeters.All)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsPlumbing(http.Request.Path.Value))
                    .AddHttpClientInstrumentation();
                if (otlp)
                    tracing.AddOtlpExporter();
            });
        }
        else
        {
            builder.Services.AddHostedService<TracePropagationListener>();
        }

        telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(AiProdMeters.All)
                    .AddMeter("MassTransit")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                    metrics.AddOtlpExporter();
            });
        return builder;
    }

    /// <summary>Requests that only probe or scrape the service: no trace for each of them.</summary>
    private static bool IsPlumbing(string? path) =>
        path is not null && (path.StartsWith("/health", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/alive", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/metrics", StringComparison.OrdinalIgnoreCase));
}
