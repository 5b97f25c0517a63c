using AiProd.Collaboration.Records;
using MassTransit;

namespace AiProd.Gateway.Webhooks;

public static class WebhookRegistration
{
    /// <summary>
    /// Webhooks (section <c>Webhooks</c>): subscriptions and the delivery queue on the collaboration store (SQLite tables
    /// <c>webhooks</c> and <c>webhook_deliveries</c>, or Firestore collections), the bus consumer that queues the public
    /// events, and the dispatcher that sends them.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<WebhookOptions>(builder.Configuration, WebhookOptions.Section);
        var settings = builder.Configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddRecordStore<WebhookSubscription>(builder.Configuration, "webhooks", settings.SubscriptionsCollection);
        services.AddRecordStore<WebhookDelivery>(builder.Configuration, "webhook_deliveries", settings.DeliveriesCollection);
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<WebhookUrlGuard>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDispatcher>();
        builder.ConfigureBus(bus => bus.AddConsumer<WebhookEventConsumer, WebhookEventConsumerDefinition>());
        return builder;
    }
}
