using System.Net;
using AiProd.Gateway.Live;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiProd.Gateway.Security;

/// <summary>
/// What the gateway does to every connection and request before an endpoint runs: Kestrel's limits, no <c>Server</c>
/// header, forwarded headers from trusted proxies, CORS (closed unless origins are configured) and HSTS.
/// </summary>
public static class GatewayEdge
{
    public const string CorsPolicy = "configured-origins";

    public static IHostApplicationBuilder AddGatewayEdge(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var edge = EdgeSettings.From(builder.Configuration);
        services.Configure<KestrelServerOptions>(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = Input.VideoRequestBody.MaxBytes;
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.Limits.MaxRequestHeaderCount = 50;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            // A body that stalls is cut after two seconds below 240 B/s, not the default five.
            k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(2));
            k.Limits.Http2.MaxRequestHeaderFieldSize = 16 * 1024;
        });
        if (edge.ForwardedHeaders)
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                o.ForwardLimit = 1;
                foreach (var proxy in edge.KnownProxies)
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
                foreach (var network in edge.KnownNetworks)
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            });
        }

        if (edge.Origins.Length > 0)
        {
            services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
                .WithOrigins(edge.Origins)
                .WithMethods("GET", "POST")
                .WithHeaders(Credentials.AuthorizationHeader, Credentials.ApiKeyHeader, "Content-Type", Input.Idempotency.Header)
                .WithExposedHeaders("Location", "Retry-After", "WWW-Authenticate")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        }

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return builder;
    }

    /// <summary>The middleware in order: proxies, headers, errors, HSTS, routing, CORS, authentication, rate limits, authorization.</summary>
    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        var edge = EdgeSettings.From(app.Configuration);
        if (edge.ForwardedHeaders)
            app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseStatusCodePages();
        app.UseRouting();
        if (edge.Origins.Length > 0)
            app.UseCors(CorsPolicy);
        app.UseHubAccessToken();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
