using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway.Security;

/// <summary>The ASP.NET Core rate limiter with one token bucket per caller; a refusal is a 429 problem with <c>Retry-After</c>.</summary>
public static class GatewayRateLimits
{
    /// <summary>Probes are never limited: a busy caller must not make the pod look dead.</summary>
    private static readonly PathString[] Unlimited = ["/health", "/alive", "/metrics"];

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitSettings>(configuration, RateLimitSettings.Section);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (Unlimited.Any(p => context.Request.Path.StartsWithSegments(p)))
                    return RateLimitPartition.GetNoLimiter("probes");
                var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value;
                var partition = context.RateLimitPartition();
                return partition.StartsWith("ip:", StringComparison.Ordinal)
                    ? RateLimitPartition.GetTokenBucketLimiter(partition, _ => Bucket(settings.AnonymousRequestsPerMinute, settings.AnonymousBurst))
                    : RateLimitPartition.GetTokenBucketLimiter(partition, _ => Bucket(settings.RequestsPerMinute, settings.Burst));
            });
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                    detail: $"This credential (or address) is over its request rate; retry in {seconds} s.",
                    extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    /// <summary>A bucket of <paramref name="burst"/> tokens refilled at <paramref name="perMinute"/>, in whole-second steps when it can.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute, int burst)
    {
        var (period, tokens) = perMinute >= 60
            ? (TimeSpan.FromSeconds(1), (int)Math.Ceiling(perMinute / 60.0))
            : (TimeSpan.FromSeconds(60.0 / perMinute), 1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
