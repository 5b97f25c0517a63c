using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Bench.Gateway;

/// <summary>
/// The baseline: bare Kestrel with one minimal-API endpoint in the bench's own process that parses the same JSON body
/// and answers 202 with an id and a Location, as the gateway does, and nothing else (no auth, no store, no bus).
/// </summary>
internal sealed class BareSubmitServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareSubmitServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareSubmitServer> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BareJson.Default));
        var app = builder.Build();
        app.MapPost("/v1/videos", (BareRequest request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Prompt))
                return Results.BadRequest();
            var id = Guid.NewGuid();
            return Results.Accepted($"/v1/videos/{id}", new BareAccepted(id, "Init"));
        });
        await app.StartAsync();
        return new BareSubmitServer(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record BareRequest(string? Prompt, double? DurationSeconds, string? AspectRatio);

internal sealed record BareAccepted(Guid Id, string State);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BareRequest))]
[JsonSerializable(typeof(BareAccepted))]
internal sealed partial class BareJson : JsonSerializerContext;
