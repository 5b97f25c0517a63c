using MassTransit;

namespace AiProd.Gateway.Webhooks;

/// <summary>The <c>webhooks</c> endpoint: a few events at a time, retried while the video is not stored yet.</summary>
public sealed class WebhookEventConsumerDefinition : ConsumerDefinition<WebhookEventConsumer>
{
    public const string QueueName = "webhooks";

    public WebhookEventConsumerDefinition()
    {
        EndpointName = QueueName;
        ConcurrentMessageLimit = 8;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<WebhookEventConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 2000, 5000, 15000));
}
