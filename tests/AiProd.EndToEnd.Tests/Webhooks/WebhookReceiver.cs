using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiProd.EndToEnd.Tests.Webhooks;

/// <summary>One request a receiver got: which path, the three Standard Webhooks headers, the raw body.</summary>
internal sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, string Body);

/// <summary>
/// A webhook receiver on loopback Kestrel: <c>/ok/…</c> answers 200, <c>/flaky</c> 500 twice then 200, <c>/down</c>
/// always 500, <c>/gone</c> 410. It keeps every request as it came.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _flaky;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http, string path) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook("/" + path, http.Request.Headers["webhook-id"], http.Request.Headers["webhook-timestamp"],
                http.Request.Headers["webhook-signature"], body));
            return path switch
            {
                "flaky" => Interlocked.Increment(ref receiver._flaky) <= 2 ? Results.StatusCode(500) : Results.Ok(),
                "down" => Results.StatusCode(500),
                "gone" => Results.StatusCode(410),
                _ => Results.Ok(),
            };
        });
        await app.StartAsync();
        receiver.Address = InProcessGateway.Address(app);
        return receiver;
    }

    public IReadOnlyList<ReceivedWebhook> At(string path) => [.. Received.Where(r => r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
