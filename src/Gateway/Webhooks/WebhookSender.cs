using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway.Webhooks;

/// <summary>The answer to one attempt: the HTTP status (null: none came), and why it failed when it did.</summary>
public sealed record WebhookAttempt(int? StatusCode, string? Error, bool Refused = false)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>
/// POSTs one signed delivery: the address checked again and pinned (<see cref="WebhookUrlGuard"/>), no proxy, no
/// redirect followed (a 3xx is a failed attempt), no cookies, a time cap on the whole attempt, and at most
/// <see cref="WebhookOptions.MaxResponseBytes"/> of the answer read.
/// </summary>
public sealed class WebhookSender(WebhookUrlGuard guard, IOptions<WebhookOptions> options, TimeProvider time)
{
    public async Task<WebhookAttempt> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var uri = new Uri(subscription.Url);
        var (address, problem) = await guard.ResolveAsync(uri, cancellationToken);
        if (address is null)
            return new WebhookAttempt(null, problem, Refused: true);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var client = new HttpClient(Handler(address), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", delivery.Id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(subscription.Secret, delivery.Id, timestamp, delivery.Payload));
        request.Headers.UserAgent.ParseAdd("AiProd-Webhooks/1");
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
                return new WebhookAttempt(status, null);
            var text = await ReadSomeAsync(response, settings.MaxResponseBytes, timeout.Token);
            var why = status is >= 300 and < 400 ? "a redirect, which is not followed" : $"HTTP {status}";
            return new WebhookAttempt(status, text.Length == 0 ? why : $"{why}: {text}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(null, $"no answer within {settings.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(null, $"could not connect ({e.HttpRequestError})");
        }
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        if (maxBytes == 0)
            return string.Empty;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[maxBytes];
            var total = 0;
            int read;
            while (total < maxBytes && (read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
                total += read;
            var text = Encoding.UTF8.GetString(buffer, 0, total);
            return new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return string.Empty;
        }
    }

    private static SocketsHttpHandler Handler(IPAddress pinned) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectCallback = AiProd.Workers.Common.AddressPolicy.ConnectTo(pinned),
    };
}
