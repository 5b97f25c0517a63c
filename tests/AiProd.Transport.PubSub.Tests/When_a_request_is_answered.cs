using AiProd.Transport.PubSub.Tests.Messages;
using MassTransit;

namespace AiProd.Transport.PubSub.Tests;

[Category("Integration")]
public sealed class When_a_request_is_answered
{
    public sealed class StockConsumer : IConsumer<CheckStock>
    {
        public Task Consume(ConsumeContext<CheckStock> context) =>
            context.RespondAsync(new StockLevel(context.Message.Sku, context.Message.Sku.Length * 10));
    }

    [Test]
    public async Task Should_return_the_response_through_the_bus_endpoint()
    {
        await using var bus = await TestBus.StartAsync(TestBus.NewPrefix(), x =>
        {
            x.AddConsumer<StockConsumer>();
            x.AddRequestClient<CheckStock>();
        });
        var client = bus.Bus.CreateRequestClient<CheckStock>(RequestTimeout.After(s: 30));

        var response = await client.GetResponse<StockLevel>(new CheckStock("lens-35mm"));

        Assert.That(response.Message, Is.EqualTo(new StockLevel("lens-35mm", 90)));
    }
}
