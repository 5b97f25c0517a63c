using System.Text.Json;
using System.Threading.Channels;
using AiProd.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Workers.Tests.Wire;

/// <summary>
/// The in-memory bus of embedded mode carries a message as Pub/Sub does (docs/wire-contract.md): the body is the message
/// itself as plain JSON, not MassTransit's envelope, and its types and ids travel beside it as headers, so a consumer
/// still gets the right type and the ids of the send.
/// </summary>
public class When_the_embedded_bus_carries_a_message
{
    [Test]
    public async Task Should_deliver_plain_json_with_its_type_and_ids_as_headers()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Services.AddSingleton(Channel.CreateUnbounded<Received>());
        builder.AddServiceDefaults().ConfigureBus(bus => bus.AddConsumer<Recorder>()).AddAiProdBus();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var sent = new VideoStateChanged(Guid.NewGuid(), "Queued", "InputSanitizer", 5, null, DateTimeOffset.UtcNow);
            var messageId = NewId.NextGuid();
            await host.Services.GetRequiredService<IBus>().Publish(sent, c => c.MessageId = messageId);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var received = await host.Services.GetRequiredService<Channel<Received>>().Reader.ReadAsync(timeout.Token);
            using var body = JsonDocument.Parse(received.Body);
            Assert.Multiple(() =>
            {
                Assert.That(received.Message, Is.EqualTo(sent));
                Assert.That(received.MessageId, Is.EqualTo(messageId));
                Assert.That(received.CorrelationId, Is.EqualTo(sent.VideoId), "the video id is the message's correlation id");
                Assert.That(received.ContentType, Is.EqualTo("application/json"));
                Assert.That(body.RootElement.GetProperty("videoId").GetGuid(), Is.EqualTo(sent.VideoId), "the body is the message itself");
                Assert.That(body.RootElement.TryGetProperty("message", out _) || body.RootElement.TryGetProperty("messageType", out _), Is.False, "no envelope");
                Assert.That(received.MessageTypeHeader, Does.Contain("urn:message:AiProd.Contracts:VideoStateChanged"));
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Should_read_a_contract_as_the_video_message_it_is()
    {
        // The saga's partitioner keys each message by IVideoMessage.VideoId: a message that cannot be read as one would
        // let one video's events run side by side and meet in the store's version check.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Services.AddSingleton(Channel.CreateUnbounded<Guid?>());
        builder.AddServiceDefaults().ConfigureBus(bus => bus.AddConsumer<VideoMessageReader>()).AddAiProdBus();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var sent = new InputSanitized(Guid.NewGuid(), 1, new SanitizedRequest(new VideoRequest("A lighthouse at dusk"), 0.01, []));
            await host.Services.GetRequiredService<IBus>().Publish(sent);

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.That(await host.Services.GetRequiredService<Channel<Guid?>>().Reader.ReadAsync(timeout.Token), Is.EqualTo(sent.VideoId));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    internal sealed class VideoMessageReader(Channel<Guid?> read) : IConsumer<InputSanitized>
    {
        public async Task Consume(ConsumeContext<InputSanitized> context) =>
            await read.Writer.WriteAsync(context.TryGetMessage<IVideoMessage>(out var video) ? video.Message.VideoId : null);
    }

    internal sealed record Received(VideoStateChanged Message, Guid? MessageId, Guid? CorrelationId, string? ContentType, string? MessageTypeHeader, byte[] Body);

    internal sealed class Recorder(Channel<Received> received) : IConsumer<VideoStateChanged>
    {
        public async Task Consume(ConsumeContext<VideoStateChanged> context) =>
            await received.Writer.WriteAsync(new Received(
                context.Message,
                context.MessageId,
                context.CorrelationId,
                context.ReceiveContext.ContentType?.MediaType,
                context.ReceiveContext.TransportHeaders.Get<string>(MessageHeaders.MessageType),
                context.ReceiveContext.Body.GetBytes()));
    }
}
