using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiProd.Providers.Http;
using AiProd.Workers.Render.Hosted;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Hosted.Replicate;

/// <summary>
/// Replicate's predictions: <c>POST /v1/models/{owner}/{name}/predictions</c> (with <c>Prefer: wait=N</c>),
/// <c>GET /v1/predictions/{id}</c>, <c>POST /v1/predictions/{id}/cancel</c>; bearer-token auth.
/// </summary>
public sealed partial class ReplicateClient(HttpClient http, IOptions<ReplicateOptions> options)
{
    public const string Provider = "replicate-wan25";

    /// <summary>Creates a prediction of the configured model; the answer may already be finished.</summary>
    public async Task<JsonObject> CreateAsync(JsonObject input, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var request = Request(HttpMethod.Post, $"/v1/models/{o.Model}/predictions");
        if (o.PreferWaitSeconds > 0)
            request.Headers.Add("Prefer", $"wait={o.PreferWaitSeconds}");
        request.Content = ProviderApi.Json(new JsonObject { ["input"] = input });
        var prediction = await ProviderApi.SendAsync(http, Provider, request, cancellationToken) as JsonObject;
        return prediction is not null && ProviderApi.Str(prediction["id"]) is { } id && PredictionId().IsMatch(id)
            ? prediction
            : throw new ProviderException(Provider, "malformed_response", "the create answer has no usable prediction id", true);
    }

    /// <summary>The prediction as it stands.</summary>
    public async Task<JsonObject> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"/v1/predictions/{id}");
        return await ProviderApi.SendForObjectAsync(http, Provider, request, "prediction", cancellationToken);
    }

    /// <summary>Cancels the prediction.</summary>
    public async Task CancelAsync(string id, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"/v1/predictions/{id}/cancel");
        await ProviderApi.SendAsync(http, Provider, request, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);
        return request;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex PredictionId();
}
