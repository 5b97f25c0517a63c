using AiProd.Orchestration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiProd.Gateway.Health;

/// <summary>The saga store answers a read (of a video that cannot exist) within 5 s.</summary>
internal sealed class SagaStoreHealthCheck(VideoStatusReader videos) : IHealthCheck
{
    public const string Name = "saga-store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await videos.FindAsync(Guid.Empty, timeout.Token);
            return HealthCheckResult.Healthy("the saga store answered a read");
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            // The exception stays in the server's log; the answer names no server internals.
            return HealthCheckResult.Unhealthy("the saga store did not answer a read", e);
        }
    }
}
