using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace AiProd.Cli.Remote;

/// <summary>
/// The production checks of <c>aiprod validate</c>, in order: health within 500 ms; configuration complete; saga store,
/// bus and asset store reachable; a small load (20 videos by default, 4 at once, at least 95 % complete); metrics exported; and
/// security: auth enforced, the rate limit answering 429, the security headers, HTTPS unless the gateway is on loopback.
/// </summary>
public sealed class ProductionChecks(GatewayClient gateway, LoadTestOptions load)
{
    public static readonly TimeSpan HealthBudget = TimeSpan.FromMilliseconds(500);

    public async IAsyncEnumerable<ValidationCheck> RunAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return await HealthAsync(cancellationToken);
        var details = await DetailsAsync(cancellationToken);
        yield return Entry(details, "configuration", "configuration", "configuration complete");
        yield return Entry(details, "saga store reachable", "saga-store");
        yield return Entry(details, "bus reachable", "masstransit-bus");
        yield return Entry(details, "asset store reachable", "asset-store");
        yield return await LoadAsync(cancellationToken);
        yield return await MetricsAsync(cancellationToken);
        yield return await AuthAsync(cancellationToken);
        yield return await RateLimitAsync(cancellationToken);
        yield return await HeadersAsync(cancellationToken);
        yield return Https();
    }

    private async Task<ValidationCheck> HealthAsync(CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await gateway.Http.GetAsync("/health", cancellationToken);
                statuses.Add((int)response.StatusCode);
            }
            catch (HttpRequestException e)
            {
                return new ValidationCheck("health", false, $"no answer from {gateway.BaseAddress}: {e.HttpRequestError}");
            }

            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var median = times.Order().ElementAt(1);
        var ok = statuses.All(s => s == 200) && median < HealthBudget.TotalMilliseconds;
        return new ValidationCheck("health", ok, $"/health {string.Join(",", statuses.Distinct())} in {median:0} ms (median of 3; budget {HealthBudget.TotalMilliseconds:0} ms)");
    }

    private async Task<JsonElement?> DetailsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (_, body, _) = await gateway.GetAsync("/health/details", cancellationToken);
            return body;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static ValidationCheck Entry(JsonElement? details, string name, string check, string? healthyText = null)
    {
        if (details is not { } d || !d.TryGetProperty("checks", out var checks))
            return new ValidationCheck(name, false, "/health/details did not answer with the checks");
        foreach (var entry in checks.EnumerateArray())
        {
            if (entry.GetProperty("name").GetString() != check)
                continue;
            var status = entry.GetProperty("status").GetString();
            var description = entry.TryGetProperty("description", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            return new ValidationCheck(name, status == "Healthy", $"{check}: {status}{(description is null ? string.Empty : $" ({description})")}");
        }

        return new ValidationCheck(name, false, $"no '{check}' check at /health/details{(healthyText is null ? string.Empty : $": {healthyText} cannot be confirmed")}");
    }

    private async Task<ValidationCheck> LoadAsync(CancellationToken cancellationToken)
    {
        var report = await new LoadTestRun(gateway, load, TimeProvider.System).RunAsync(cancellationToken);
        var rate = report.Attempted == 0 ? 0 : (double)report.Completed / load.Requests;
        var errors = report.ErrorsByCode.Count == 0 ? string.Empty : "; " + string.Join(", ", report.ErrorsByCode.Select(e => $"{e.Key} {e.Value}"));
        return new ValidationCheck("small load", rate >= 0.95,
            $"{report.Completed}/{load.Requests} completed ({rate:P0}, need 95 %), {load.Concurrency} at once, p95 end to end {report.EndToEndSeconds.P95:0.0} s{errors}");
    }

    private async Task<ValidationCheck> MetricsAsync(CancellationToken cancellationToken)
    {
        using var anonymous = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var text = await anonymous.GetStringAsync("/metrics", cancellationToken);
            string[] wanted = ["http_server_request_duration_seconds", "target_info"];
            var missing = wanted.Where(w => !text.Contains(w, StringComparison.Ordinal)).ToList();
            var pipeline = text.Contains("processing_duration_seconds", StringComparison.Ordinal) ? ", pipeline metrics too (embedded)" : string.Empty;
            return new ValidationCheck("metrics exported", missing.Count == 0,
                missing.Count == 0 ? $"/metrics answers in Prometheus format{pipeline}" : $"/metrics lacks {string.Join(", ", missing)}");
        }
        catch (HttpRequestException e)
        {
            return new ValidationCheck("metrics exported", false, $"/metrics: {(e.StatusCode is { } s ? (int)s : 0)} {e.HttpRequestError}");
        }
    }

    private async Task<ValidationCheck> AuthAsync(CancellationToken cancellationToken)
    {
        using var anonymous = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var list = await anonymous.GetAsync("/v1/videos", cancellationToken);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/videos");
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-key-" + Guid.NewGuid().ToString("N"));
        using var bad = await anonymous.SendAsync(wrong, cancellationToken);
        var ok = list.StatusCode == HttpStatusCode.Unauthorized && bad.StatusCode == HttpStatusCode.Unauthorized;
        return new ValidationCheck("auth enforced", ok, $"no key: {(int)list.StatusCode}, a wrong key: {(int)bad.StatusCode} (want 401 both)");
    }

    private async Task<ValidationCheck> RateLimitAsync(CancellationToken cancellationToken)
    {
        // Without a key, so no caller's own budget is spent: the anonymous limit is the smaller one.
        using var anonymous = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 1; i <= 300; i++)
        {
            using var response = await anonymous.GetAsync("/v1/videos", cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retry = response.Headers.RetryAfter?.Delta;
                return new ValidationCheck("rate limit", retry is not null, $"429 after {i} requests without a key, Retry-After {(retry is { } r ? $"{r.TotalSeconds:0} s" : "missing")}");
            }
        }

        return new ValidationCheck("rate limit", false, "300 requests without a key in a row, never a 429");
    }

    private async Task<ValidationCheck> HeadersAsync(CancellationToken cancellationToken)
    {
        using var response = await gateway.Http.GetAsync("/v1/videos?pageSize=1", cancellationToken);
        var problems = new List<string>();
        Expect(response, "X-Content-Type-Options", v => v.Equals("nosniff", StringComparison.OrdinalIgnoreCase), problems);
        Expect(response, "X-Frame-Options", v => v.Equals("DENY", StringComparison.OrdinalIgnoreCase), problems);
        Expect(response, "Content-Security-Policy", v => v.Contains("frame-ancestors 'none'", StringComparison.Ordinal), problems);
        Expect(response, "Referrer-Policy", v => v.Equals("no-referrer", StringComparison.OrdinalIgnoreCase), problems);
        if (response.Headers.Contains("Server"))
            problems.Add("a Server header");
        if (gateway.BaseAddress.Scheme == Uri.UriSchemeHttps)
            Expect(response, "Strict-Transport-Security", v => v.Contains("max-age", StringComparison.OrdinalIgnoreCase), problems);
        return new ValidationCheck("security headers", problems.Count == 0,
            problems.Count == 0 ? "nosniff, X-Frame-Options DENY, CSP frame-ancestors 'none', no-referrer, no Server" : string.Join("; ", problems));
    }

    private ValidationCheck Https()
    {
        var address = gateway.BaseAddress;
        var loopback = address.IsLoopback || (IPAddress.TryParse(address.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (address.Scheme == Uri.UriSchemeHttps)
            return new ValidationCheck("https", true, "the gateway is reached over HTTPS");
        return loopback
            ? new ValidationCheck("https", true, "plain HTTP on loopback (allowed on this machine only)")
            : new ValidationCheck("https", false, $"{address.Host} is not loopback and is reached over plain HTTP");
    }

    private static void Expect(HttpResponseMessage response, string header, Func<string, bool> ok, List<string> problems)
    {
        var values = response.Headers.TryGetValues(header, out var h) ? h : response.Content.Headers.TryGetValues(header, out var c) ? c : [];
        var value = string.Join(",", values);
        if (value.Length == 0)
            problems.Add($"no {header}");
        else if (!ok(value))
            problems.Add($"{header}: {value}");
    }
}
