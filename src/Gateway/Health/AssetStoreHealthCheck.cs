using AiProd.Assets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiProd.Gateway.Health;

/// <summary>The asset store answers a lookup (of an asset that cannot exist) within 5 s.</summary>
internal sealed class AssetStoreHealthCheck(IAssetStore assets) : IHealthCheck
{
    public const string Name = "asset-store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await assets.FindAsync(Guid.Empty, "health-probe", timeout.Token);
            return HealthCheckResult.Healthy("the asset store answered a lookup");
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the asset store did not answer a lookup", e);
        }
    }
}
