using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace AiProd.ServiceDefaults.Telemetry;

/// <summary>
/// Traces that nothing records: while the host runs, every activity of the sources AiProd traces (MassTransit, AiProd's
/// own, ASP.NET Core, HttpClient) is created with its trace and span ids only (<see cref="ActivitySamplingResult.PropagationData"/>:
/// no tags, no events, <c>IsAllDataRequested</c> false, which MassTransit checks before it adds its tags). That keeps the
/// trace id in every log line (<c>CloudLoggingFormatter</c>) and the <c>traceparent</c> on every message and request,
/// at a fraction of recording. Not an OpenTelemetry sampler: the SDK turns a <c>Drop</c> under a local parent into no
/// activity at all, so a send inside a consume would carry no trace and the next service would start a new one.
/// </summary>
public sealed class TracePropagationListener : IHostedService, IDisposable
{
    private static readonly string[] Sources = ["MassTransit", "Microsoft.AspNetCore", "System.Net.Http"];

    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => Array.IndexOf(Sources, source.Name) >= 0 || source.Name.StartsWith("AiProd.", StringComparison.Ordinal),
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        SampleUsingParentId = (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.PropagationData,
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();
}
