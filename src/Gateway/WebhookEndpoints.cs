using System.Security.Claims;
using AiProd.Auth;
using AiProd.Collaboration.Audit;
using AiProd.Gateway.Input;
using AiProd.Gateway.Security;
using AiProd.Gateway.Webhooks;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway;

/// <summary>
/// Standing webhook subscriptions of the caller's owner: <c>POST /v1/webhooks</c> (scope <c>videos:submit</c>; the
/// secret is in that answer only), <c>GET</c> the list or one, <c>DELETE</c> one; and the deliveries of a subscription
/// (a video's callback too): <c>GET /v1/webhooks/{id}/deliveries?status=</c>, <c>POST …/deliveries/{deliveryId}/resend</c>.
/// Another owner's subscription is answered like an unknown one.
/// </summary>
public static class WebhookEndpoints
{
    private static readonly string[] Statuses = [WebhookDelivery.Pending, WebhookDelivery.Delivered, WebhookDelivery.Parked];

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/v1/webhooks");
        hooks.MapPost("/", Create).RequireAuthorization(ApiKeyScopes.Submit);
        hooks.MapGet("/", List).RequireAuthorization(ApiKeyScopes.Read);
        hooks.MapGet("/{id}", Get).RequireAuthorization(ApiKeyScopes.Read);
        hooks.MapDelete("/{id}", Delete).RequireAuthorization(ApiKeyScopes.Submit);
        hooks.MapGet("/{id}/deliveries", Deliveries).RequireAuthorization(ApiKeyScopes.Read);
        hooks.MapPost("/{id}/deliveries/{deliveryId}/resend", Resend).RequireAuthorization(ApiKeyScopes.Submit);
        return app;
    }

    private static async Task<IResult> Create(HttpRequest http, ClaimsPrincipal user, WebhookSubscriptions subscriptions, WebhookUrlGuard guard,
        IOptions<WebhookOptions> options, AuditLog audit, CancellationToken cancellationToken)
    {
        var (body, bad) = await VideoRequestBody.ReadAsync(http, WebhookBody.Parse, cancellationToken);
        if (bad is not null)
            return bad;
        var (url, refused) = await guard.CheckAsync(body!.Url, cancellationToken);
        if (refused is not null)
            return Problems.Field("url", refused, "The webhook URL is refused.");
        if (user.Owner() is not { } owner)
            return Problems.Field("url", "Only a caller with an owner (an API key's owner, a token's subject) can subscribe.", "No owner to subscribe for.", StatusCodes.Status403Forbidden);
        if ((await subscriptions.ListAsync(owner, includeDisabled: false, cancellationToken)).Count >= options.Value.MaxSubscriptionsPerOwner)
            return Problems.Field("url", $"You have {options.Value.MaxSubscriptionsPerOwner} subscriptions, the most allowed; delete one first.", "Too many webhook subscriptions.", StatusCodes.Status409Conflict);

        var subscription = await subscriptions.CreateAsync(owner, user.Actor(), url!, body.EventTypes, cancellationToken);
        await audit.RecordAsync(user.Actor(), AuditActions.WebhookCreated, target: subscription.Id, detail: subscription.Url, cancellationToken: cancellationToken);
        return Results.Created($"/v1/webhooks/{subscription.Id}", View(subscription, withSecret: true));
    }

    private static async Task<IResult> List(ClaimsPrincipal user, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        Results.Ok(new { items = user.Owner() is { } owner ? (await subscriptions.ListAsync(owner, includeDisabled: false, cancellationToken)).Select(s => View(s)) : [] });

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        await Own(id, user, subscriptions, cancellationToken) is { } subscription ? Results.Ok(View(subscription)) : NotFound(id);

    private static async Task<IResult> Delete(string id, ClaimsPrincipal user, WebhookSubscriptions subscriptions, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await Own(id, user, subscriptions, cancellationToken) is not { Active: true } subscription)
            return NotFound(id);
        await subscriptions.DisableAsync(subscription, "deleted", cancellationToken);
        await audit.RecordAsync(user.Actor(), AuditActions.WebhookDeleted, subscription.VideoId, target: subscription.Id, detail: subscription.Url, cancellationToken: cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> Deliveries(string id, HttpRequest http, ClaimsPrincipal user, WebhookSubscriptions subscriptions, WebhookQueue queue, CancellationToken cancellationToken)
    {
        string? status = null;
        foreach (var (name, values) in http.Query)
        {
            if (name != "status")
                return Problems.Field(Problems.Echo(name), "Not a parameter of the delivery list; use status.", "The delivery query is invalid.");
            if (values.Count != 1 || !Statuses.Contains(values[0], StringComparer.Ordinal))
                return Problems.Field("status", $"status must be one of {string.Join(", ", Statuses)}.", "The delivery query is invalid.");
            status = values[0];
        }

        if (await Own(id, user, subscriptions, cancellationToken) is not { } subscription)
            return NotFound(id);
        return Results.Ok(new { items = (await queue.ListAsync(subscription.Id, status, cancellationToken)).Select(View) });
    }

    private static async Task<IResult> Resend(string id, string deliveryId, ClaimsPrincipal user, WebhookSubscriptions subscriptions, WebhookQueue queue, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await Own(id, user, subscriptions, cancellationToken) is not { } subscription)
            return NotFound(id);
        if (await queue.GetAsync(deliveryId, cancellationToken) is not { } delivery || delivery.SubscriptionId != subscription.Id)
            return Problems.Field("deliveryId", $"'{Problems.Echo(deliveryId)}' is not a delivery of this subscription.", "No such delivery.", StatusCodes.Status404NotFound);
        if (!subscription.Active)
            return Problems.Field("id", $"The subscription is disabled ({subscription.DisabledReason}); subscribe again to receive events.", "The subscription is disabled.", StatusCodes.Status409Conflict);
        if (delivery.Status == WebhookDelivery.Pending)
            return Problems.Field("deliveryId", "The delivery is still queued; it is retried on its schedule.", "The delivery is pending.", StatusCodes.Status409Conflict);
        var again = await queue.ResendAsync(delivery, cancellationToken);
        await audit.RecordAsync(user.Actor(), AuditActions.WebhookResent, delivery.VideoId, target: delivery.Id, detail: subscription.Id, cancellationToken: cancellationToken);
        return Results.Accepted($"/v1/webhooks/{subscription.Id}/deliveries?status=pending", View(again));
    }

    private static async Task<WebhookSubscription?> Own(string id, ClaimsPrincipal user, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        id.StartsWith("wh_", StringComparison.Ordinal) && id.Length <= 64 && await subscriptions.GetAsync(id, cancellationToken) is { } s
            && (user.IsAdmin() || string.Equals(s.Owner, user.Owner(), StringComparison.Ordinal)) && s.DisabledReason != "deleted"
            ? s : null;

    private static IResult NotFound(string id) =>
        Problems.Field("id", $"'{Problems.Echo(id)}' is not a webhook subscription of yours.", "No such webhook subscription.", StatusCodes.Status404NotFound);

    internal static object View(WebhookSubscription s, bool withSecret = false) => new
    {
        s.Id,
        s.Url,
        eventTypes = s.EventTypes.Count == 0 ? WebhookEventTypes.All : s.EventTypes,
        s.VideoId,
        createdAt = s.At,
        active = s.Active,
        s.DisabledAt,
        s.DisabledReason,
        secret = withSecret ? s.Secret : null,
        links = new { self = $"/v1/webhooks/{s.Id}", deliveries = $"/v1/webhooks/{s.Id}/deliveries" },
    };

    private static object View(WebhookDelivery d) => new
    {
        d.Id,
        d.EventType,
        d.VideoId,
        d.Status,
        d.Attempts,
        queuedAt = d.At,
        d.NextAttemptAt,
        d.LastAttemptAt,
        d.LastStatusCode,
        d.LastError,
        d.DeliveredAt,
    };
}
