using Grpc.Core;

namespace AiProd.Transport.PubSub.Transport;

/// <summary>Which gRPC failures are worth trying again (the official clients' list) and how long to wait.</summary>
internal static class GrpcErrors
{
    public static bool IsTransient(RpcException e) => e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
        or StatusCode.Internal or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Unknown;

    /// <summary>Exponential backoff with full jitter between <paramref name="initial"/> × 2^attempt and the cap.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan initial, TimeSpan max)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
