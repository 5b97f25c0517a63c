using System.Text.Json.Serialization;
using AiProd.Gateway.Security;
using AiProd.ServiceDefaults;

namespace AiProd.Gateway.Live;

/// <summary>
/// Live events: the gateway's own subscription to the bus (<see cref="VideoEventsConsumer"/>), the signals it
/// raises, the follower the SSE stream and the SignalR hub share, and the hub.
/// </summary>
public static class LiveRegistration
{
    public static IHostApplicationBuilder AddGatewayLive(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<LiveOptions>(builder.Configuration, LiveOptions.Section);
        services.AddSingleton<VideoEventSignals>();
        services.AddSingleton<VideoEventFollower>();
        services.AddSingleton<HubSubscriptions>();
        services.AddSignalR(o => o.EnableDetailedErrors = false)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        // Each replica follows every video's events itself: a temporary endpoint of its own (on Pub/Sub a subscription
        // per replica, deleted when it stops), so replicas do not share them out and no SignalR backplane is needed.
        if (builder.Configuration.GetValue($"{LiveOptions.Section}:{nameof(LiveOptions.FollowBus)}", true))
        {
            builder.ConfigureBus(bus => bus.AddConsumer<VideoEventsConsumer>()
                .Endpoint(e =>
                {
                    e.Name = "gateway-live";
                    e.Temporary = true;
                    e.InstanceId = Guid.NewGuid().ToString("N")[..12];
                }));
        }
        return builder;
    }

    public static WebApplication MapLiveHub(this WebApplication app)
    {
        app.MapHub<VideoHub>(VideoHub.Path);
        return app;
    }

    /// <summary>
    /// A browser's SignalR client cannot set headers on a WebSocket (nor on Server-Sent Events): it sends the key as
    /// <c>access_token</c> in the query. Taken as <c>Authorization: Bearer</c> on the hub's path only, and removed from
    /// the query so nothing after this logs it.
    /// </summary>
    public static IApplicationBuilder UseHubAccessToken(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(VideoHub.Path) && request.Query.TryGetValue("access_token", out var token)
            && !request.Headers.ContainsKey(Credentials.AuthorizationHeader) && !request.Headers.ContainsKey(Credentials.ApiKeyHeader))
        {
            request.Headers[Credentials.AuthorizationHeader] = token.Count == 1 ? $"Bearer {token}" : token.ToString();
            request.QueryString = QueryString.Create(request.Query.Where(q => q.Key != "access_token"));
        }

        return next(context);
    });
}
