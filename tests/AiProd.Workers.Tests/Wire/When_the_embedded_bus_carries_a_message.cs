using System.Threading.Channels;
using AiProd.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiProd.Workers.Tests.Wire;

/// <summary>
/// What the saga's endpoint relies on from the in-memory bus of embedded mode: a contract it carries reads as the
/// <see cref="IVideoMessage"/> it is.
/// </summary>
public class When_the_embedded_bus_carries_a_message
{
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
}
