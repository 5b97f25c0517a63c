using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiProd.Providers.Http;
using AiProd.Workers.Render.Hosted;
using Microsoft.Extensions.Options;

namespace AiProd.Workers.Render.Hosted.Veo;

/// <summary>
/// The Gemini API's long-running video generation: <c>POST /v1beta/models/{model}:predictLongRunning</c>, then
/// <c>GET /v1beta/{operation name}</c>. The key travels in the <c>x-goog-api-key</c> header, never in a URL.
/// </summary>
public sealed partial class VeoClient(HttpClient http, IOptions<VeoOptions> options)
{
    public const string Provider = "veo3";

    /// <summary>Starts a generation and returns the operation's name ("models/{model}/operations/{id}").</summary>
    public async Task<string> SubmitAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1beta/models/{Uri.EscapeDataString(o.Model)}:predictLongRunning") { Content = ProviderApi.Json(body) };
        Authorize(request);
        var answer = await ProviderApi.SendAsync(http, Provider, request, cancellationToken);
        var name = ProviderApi.Str(answer?["name"]);
        return name is not null && OperationName().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal)
            ? name
            : throw new ProviderException(Provider, "malformed_response", "the submit answer has no usable operation name", true);
    }

    /// <summary>The operation as it stands: <c>{name, done?, response?, error?}</c>.</summary>
    public async Task<JsonObject> GetOperationAsync(string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1beta/{name}");
        Authorize(request);
        return await ProviderApi.SendForObjectAsync(http, Provider, request, "operation", cancellationToken);
    }

    /// <summary>The header the file download needs on the API's own host.</summary>
    public IReadOnlyDictionary<string, string> DownloadHeaders => new Dictionary<string, string> { ["x-goog-api-key"] = options.Value.ApiKey ?? "" };

    private void Authorize(HttpRequestMessage request) => request.Headers.Add("x-goog-api-key", options.Value.ApiKey);

    [GeneratedRegex("^[A-Za-z0-9._/-]+$")]
    private static partial Regex OperationName();
}
