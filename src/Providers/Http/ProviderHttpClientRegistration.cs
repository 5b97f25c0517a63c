using System.Threading.RateLimiting;
using AiProd.Workers.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AiProd.Providers.Http;

/// <summary>The one way a provider's HTTP client is registered: options validated at start-up, one resilience pipeline.</summary>
public static class ProviderHttpClientRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> as a typed HttpClient whose options come from <paramref name="section"/>.
    /// Every attempt passes, outermost first: total timeout → retry (exponential 1 s, 2 s, 4 s with jitter, honouring
    /// Retry-After, on 408/429/5xx and network errors) → circuit breaker → rate limiter (queues) → attempt timeout.
    /// Content-safety refusals come back as 200/400 bodies, so they are never retried here. A POST of a render backend
    /// is retried only on 429 (<see cref="ProviderHttpOptions.RetryPostOnServerError"/>).
    /// </summary>
    public static IHttpClientBuilder AddProviderHttpClient<TClient, TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TClient : class
        where TOptions : ProviderHttpOptions
    {
        services.AddValidatedOptions<TOptions>(configuration, section);
        var builder = services.AddHttpClient<TClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<TOptions>>().Value;
            http.BaseAddress = o.BaseUrl;
            // The pipeline's total timeout governs; HttpClient's own must not cut it short.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        // Outermost: one call as the caller sees it, whatever the retries under it did.
        builder.AddHttpMessageHandler(() => new ProviderCallMetrics(typeof(TClient).Name));
        builder.AddResilienceHandler(typeof(TClient).Name, (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
            pipeline.AddTimeout(o.TotalTimeout);
            if (o.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = o.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = o.RetryBaseDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), o)),
                });
            }

            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = o.BreakerFailureRatio,
                MinimumThroughput = o.BreakerMinimumThroughput,
                SamplingDuration = o.BreakerSamplingDuration,
                BreakDuration = o.BreakDuration,
            });
            if (o.RequestsPerMinute > 0)
            {
                var limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = o.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = int.MaxValue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
                pipeline.AddRateLimiter(limiter);
            }

            pipeline.AddTimeout(o.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>Transient failures are retried; a POST that may have started paid work only on 429 (see RetryPostOnServerError).</summary>
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, ProviderHttpOptions options)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
            return false;
        if (options.RetryPostOnServerError || request?.Method != HttpMethod.Post)
            return true;
        return outcome.Result?.StatusCode == System.Net.HttpStatusCode.TooManyRequests;
    }
}
