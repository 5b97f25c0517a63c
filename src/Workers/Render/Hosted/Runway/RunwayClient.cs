using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiProd.Providers.Http;
using AiProd.Workers.Render.Hosted;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Hosted.Runway;

/// <summary>
/// Runway's task API: <c>POST /v1/image_to_video</c> creates a task, <c>GET /v1/tasks/{id}</c> follows it
/// (PENDING, THROTTLED, RUNNING, SUCCEEDED, FAILED, CANCELLED), <c>DELETE /v1/tasks/{id}</c> cancels it. Every call
/// carries the bearer key and <c>X-Runway-Version</c>.
/// </summary>
public sealed partial class RunwayClient(HttpClient http, IOptions<RunwayOptions> options)
{
    public const string Provider = "runway";

    /// <summary>Creates an image-to-video task and returns its id.</summary>
    public async Task<string> CreateAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/v1/image_to_video");
        request.Content = ProviderApi.Json(body);
        var id = ProviderApi.Str((await ProviderApi.SendAsync(http, Provider, request, cancellationToken))?["id"]);
        return id is not null && TaskId().IsMatch(id)
            ? id
            : throw new ProviderException(Provider, "malformed_response", "the create answer has no usable task id", true);
    }

    /// <summary>The task as it stands.</summary>
    public async Task<JsonObject> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"/v1/tasks/{id}");
        return await ProviderApi.SendForObjectAsync(http, Provider, request, "task", cancellationToken);
    }

    /// <summary>Cancels (or deletes) the task.</summary>
    public async Task CancelAsync(string id, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, $"/v1/tasks/{id}");
        await ProviderApi.SendAsync(http, Provider, request, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);
        request.Headers.Add("X-Runway-Version", options.Value.ApiVersion);
        return request;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex TaskId();
}
