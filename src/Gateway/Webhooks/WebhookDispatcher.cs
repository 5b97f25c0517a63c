using Microsoft.Extensions.Options;

namespace AiProd.Gateway.Webhooks;

/// <summary>
/// Works through the delivery queue: every <see cref="WebhookOptions.PollInterval"/> it sends what is due, a few at a
/// time. Deliveries are at least once (a crash between a 2xx and its record sends it again): receivers dedupe by
/// <c>webhook-id</c>, as the Standard Webhooks specification asks.
/// </summary>
public sealed partial class WebhookDispatcher(WebhookQueue queue, WebhookSubscriptions subscriptions, WebhookSender sender, IOptions<WebhookOptions> options,
    TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int Parallel = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogQueueFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends every delivery due now; returns how many were tried.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var due = await queue.DueAsync(cancellationToken);
        await System.Threading.Tasks.Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (delivery, token) => await AttemptAsync(delivery, token));
        return due.Count;
    }

    private async Task AttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (await subscriptions.GetAsync(delivery.SubscriptionId, cancellationToken) is not { Active: true } subscription)
        {
            await queue.ParkAsync(delivery, "the subscription was deleted or disabled", cancellationToken);
            return;
        }

        if (await queue.ClaimAsync(delivery, cancellationToken) is not { } claimed)
            return;
        var attempt = await sender.SendAsync(subscription, claimed, cancellationToken);
        var recorded = await queue.RecordAsync(claimed, attempt, cancellationToken);
        if (attempt.StatusCode == 410)
            await subscriptions.DisableAsync(subscription, "gone", cancellationToken);
        LogAttempt(logger, recorded.Id, subscription.Id, recorded.EventType, recorded.Attempts, attempt.StatusCode, recorded.Status);
    }

    [LoggerMessage(LogLevel.Warning, "The webhook queue could not be read; trying again at the next tick")]
    private static partial void LogQueueFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Information, "Webhook {DeliveryId} ({EventType}) to {SubscriptionId}: attempt {Attempt} answered {StatusCode}, now {Status}")]
    private static partial void LogAttempt(ILogger logger, string deliveryId, string subscriptionId, string eventType, int attempt, int? statusCode, string status);
}
