using System.Text.Json;
using AiProd.Gateway.Webhooks;

namespace AiProd.Gateway.Input;

/// <summary>The body of <c>POST /v1/webhooks</c>: <c>url</c>, and optionally <c>eventTypes</c> (none or empty: all).</summary>
public sealed record WebhookBody(string? Url, IReadOnlyList<string> EventTypes)
{
    private static readonly string[] Fields = ["url", "eventTypes"];

    public static (WebhookBody?, IResult?) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return (null, Problems.Field("body", $"The body must be a JSON object such as {{\"url\": \"https://…\"}}, not {VideoRequestBody.Describe(root.ValueKind)}."));
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = VideoRequestBody.Members(root, Fields, string.Empty, errors, "a webhook subscription");
        var url = VideoRequestBody.Text(seen, "url", errors);
        var types = new List<string>();
        if (seen.TryGetValue("eventTypes", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                errors["eventTypes"] = [$"Must be an array of event types: {string.Join(", ", WebhookEventTypes.All)}."];
            else
            {
                foreach (var type in list.EnumerateArray().Select(e => e.GetString()!).Distinct(StringComparer.Ordinal))
                {
                    if (WebhookEventTypes.All.Contains(type, StringComparer.Ordinal))
                        types.Add(type);
                    else
                        errors["eventTypes"] = [$"'{Problems.Echo(type)}' is not an event type; use {string.Join(", ", WebhookEventTypes.All)}."];
                }
            }
        }

        if (url is null && !errors.ContainsKey("url"))
            errors["url"] = ["url is required: the https URL deliveries are POSTed to."];
        return errors.Count > 0 ? (null, Problems.Invalid(errors, "The webhook subscription is invalid.")) : (new WebhookBody(url, types), null);
    }
}
