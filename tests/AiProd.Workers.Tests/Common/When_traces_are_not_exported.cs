using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Workers.Tests.Common;

/// <summary>
/// With no OTLP endpoint a host records no trace, yet every consume still runs in the sender's trace (the id the log
/// lines carry, and the <c>traceparent</c> the next service continues); <c>Telemetry:RecordTraces=true</c> records them.
/// </summary>
public sealed class When_traces_are_not_exported
{
    [Test]
    public async Task Should_keep_the_callers_trace_on_the_consume_without_recording_it()
    {
        var seen = await ConsumeInATraceAsync(recordTraces: null);
        Assert.Multiple(() =>
        {
            Assert.That(seen.Consumed.TraceId, Is.EqualTo(seen.Caller));
            Assert.That(seen.Consumed.AllDataRequested, Is.False);
            Assert.That(seen.Consumed.Recorded, Is.False);
        });
    }

    [Test]
    public async Task Should_record_them_when_told_to()
    {
        var seen = await ConsumeInATraceAsync(recordTraces: "true");
        Assert.Multiple(() =>
        {
            Assert.That(seen.Consumed.TraceId, Is.EqualTo(seen.Caller));
            Assert.That(seen.Consumed.AllDataRequested, Is.True);
            Assert.That(seen.Consumed.Recorded, Is.True);
        });
    }

    [Test]
    public async Task Should_start_a_trace_where_the_sender_had_none()
    {
        var seen = await ConsumeInATraceAsync(recordTraces: null, withCaller: false);
        Assert.That(seen.Consumed.TraceId, Is.Not.EqualTo(default(ActivityTraceId).ToHexString()));
    }

    private static async Task<(string Caller, TraceProbe.Seen Consumed)> ConsumeInATraceAsync(string? recordTraces, bool withCaller = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            ["Telemetry:RecordTraces"] = recordTraces,
        });
        builder.Services.AddSingleton<TraceProbe>();
        builder.AddServiceDefaults().ConfigureBus(bus => bus.AddConsumer<TraceProbeConsumer>()).AddAiProdBus();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var caller = ActivityTraceId.CreateRandom();
            var bus = host.Services.GetRequiredService<IBus>();
            using (var activity = withCaller ? new Activity("caller").SetParentId(caller, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start() : null)
                await bus.Publish(new TraceProbeMessage(Guid.NewGuid()));

            var seen = await host.Services.GetRequiredService<TraceProbe>().Consumed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return (caller.ToHexString(), seen);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public sealed record TraceProbeMessage(Guid VideoId);

    public sealed class TraceProbe
    {
        public sealed record Seen(string TraceId, bool AllDataRequested, bool Recorded);

        public TaskCompletionSource<Seen> Consumed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class TraceProbeConsumer(TraceProbe probe) : IConsumer<TraceProbeMessage>
    {
        public Task Consume(ConsumeContext<TraceProbeMessage> context)
        {
            var current = Activity.Current;
            probe.Consumed.TrySetResult(new TraceProbe.Seen(current?.TraceId.ToHexString() ?? "none", current?.IsAllDataRequested ?? false, current?.Recorded ?? false));
            return Task.CompletedTask;
        }
    }
}
