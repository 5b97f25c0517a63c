using System.Net;
using System.Net.Sockets;
using AiProd.Workers.Common;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway.Webhooks;

/// <summary>
/// Where a webhook may go, with the provider downloader's address rules (<see cref="AddressPolicy"/>): an absolute
/// https URL without credentials in it, whose host resolves only to public addresses — no loopback, RFC 1918,
/// link-local (169.254.169.254, the metadata server), CGNAT, unique-local or mapped address. Checked when the URL is
/// given and again at every send, with the connection pinned to the address checked, so a DNS answer that changes
/// in between (rebinding) cannot lead it inside. <see cref="WebhookOptions.AllowLoopback"/> (development) lets
/// loopback hosts through, over http too.
/// </summary>
public sealed class WebhookUrlGuard(IOptions<WebhookOptions> options)
{
    public const int MaxUrlLength = 2000;

    /// <summary>Why <paramref name="url"/> is refused (a sentence for a problem detail), or null and the parsed URL.</summary>
    public async Task<(Uri? Uri, string? Problem)> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
            return (null, "Give the URL webhooks are sent to, such as https://example.com/hooks.");
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return (null, $"Must be an absolute https URL of at most {MaxUrlLength} characters.");
        var (_, problem) = await ResolveAsync(uri, cancellationToken);
        return problem is null ? (uri, null) : (null, problem);
    }

    /// <summary>The one address to connect to for <paramref name="uri"/>, or why there is none.</summary>
    public async Task<(IPAddress? Address, string? Problem)> ResolveAsync(Uri uri, CancellationToken cancellationToken)
    {
        var loopback = options.Value.AllowLoopback;
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return (null, "Must not carry a user name or password; authenticate the deliveries by their signature.");
        if (!string.IsNullOrEmpty(uri.Fragment))
            return (null, "Must not have a #fragment.");
        var host = uri.IdnHost.Trim('[', ']');
        var isHttps = uri.Scheme == Uri.UriSchemeHttps;
        if (!isHttps && !(loopback && uri.Scheme == Uri.UriSchemeHttp))
            return (null, "Must be an https URL.");

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
            addresses = [literal];
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                return (null, $"The host {host} does not resolve.");
            }
        }

        // One bad answer condemns the name: a mixed answer is how rebinding attacks start.
        var refused = addresses.Where(a => AddressPolicy.IsForbidden(a) && !(loopback && IPAddress.IsLoopback(a))).ToList();
        if (refused.Count > 0 || addresses.Length == 0)
            return (null, $"The host {host} is not a public address (it resolves to a private, loopback, link-local or reserved one); webhooks only go to public hosts.");
        if (!isHttps && !addresses.All(IPAddress.IsLoopback))
            return (null, "Must be an https URL (http is allowed for loopback receivers only).");
        return (addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First(), null);
    }
}
