using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using AiProd.Providers.Http;
using AiProd.Workers.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Providers.Download;

/// <summary>
/// Fetches a provider's output (a URL the provider's answer named, so untrusted) to a local file without letting it
/// reach anything but the provider's own public hosts: https only; the host must be on the provider's allow-list; its
/// name is resolved once and every address must be public (no loopback, RFC 1918, link-local such as
/// 169.254.169.254, CGNAT, IPv6 unique-local or link-local, IPv4-mapped); the connection goes to that pinned address,
/// so a second DNS answer cannot redirect it. Redirects are not followed by the handler: each hop is checked the same
/// way. The body streams to disk and is cut off past the size cap; the whole download has a time cap.
/// </summary>
public sealed class ProviderDownloader(IOptions<DownloadOptions> options, ILogger<ProviderDownloader> logger)
{
    /// <summary>
    /// Downloads <paramref name="uri"/> into <paramref name="destinationFile"/> and returns its size in bytes.
    /// <paramref name="headers"/> (e.g. an API key) are sent only to the host of <paramref name="uri"/> itself, never
    /// to a host a redirect leads to. Failures are <see cref="ProviderException"/>s with codes starting "download_"
    /// or "output_expired".
    /// </summary>
    public async Task<long> DownloadAsync(
        string provider, Uri uri, DownloadPolicy policy, string destinationFile, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(policy);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.Timeout);
        var current = uri;
        try
        {
            for (var hop = 0; ; hop++)
            {
                var address = await ResolveAsync(provider, current, policy, timeout.Token);
                using var client = new HttpClient(Handler(address), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                if (headers is not null && string.Equals(current.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var (name, value) in headers)
                        request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (IsRedirect(response.StatusCode))
                {
                    if (hop >= policy.MaxRedirects)
                        throw Fail(provider, "download_too_many_redirects", $"more than {policy.MaxRedirects} redirects from {Redacted(uri)}", false);
                    var location = response.Headers.Location
                        ?? throw Fail(provider, "download_failed", $"a redirect without a Location from {Redacted(current)}", true);
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    logger.LogDebug("{Provider} download redirected to {Target}", provider, Redacted(current));
                    continue;
                }

                CheckStatus(provider, current, response);
                var bytes = await SaveAsync(provider, response, policy.MaxBytes, destinationFile, timeout.Token);
                logger.LogInformation("Downloaded {Bytes} bytes of {Provider} output from {Host}", bytes, provider, current.IdnHost);
                return bytes;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(provider, "download_timeout", $"the download from {Redacted(uri)} took longer than {policy.Timeout}", true);
        }
        catch (HttpRequestException ex)
        {
            // TLS failures (an untrusted certificate) land here too.
            throw Fail(provider, "download_failed", $"could not download {Redacted(current)}: {ex.Message}", true, ex);
        }
    }

    /// <summary>Checks scheme, allow-list and addresses, and returns the one address to connect to.</summary>
    internal async Task<IPAddress> ResolveAsync(string provider, Uri uri, DownloadPolicy policy, CancellationToken cancellationToken)
    {
        if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps)
            throw Fail(provider, "download_insecure_scheme", $"only https downloads are allowed, not {Redacted(uri)}", false);
        var host = uri.IdnHost;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            // Checked before the allow-list on purpose: no configuration lets a literal private address through.
            if (AddressPolicy.IsForbidden(literal))
                throw Fail(provider, "download_forbidden_address", $"{literal} is not a public address", false);
            return policy.Allows(literal.ToString()) ? literal
                : throw Fail(provider, "download_host_not_allowed", $"{literal} is not one of the provider's download hosts", false);
        }

        if (!policy.Allows(host))
            throw Fail(provider, "download_host_not_allowed", $"{host} is not one of the provider's download hosts", false);
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw Fail(provider, "download_failed", $"{host} does not resolve: {ex.SocketErrorCode}", true, ex);
        }

        var loopbackAllowed = options.Value.Loopback.Contains(host.ToLowerInvariant());
        var refused = addresses.Where(a => AddressPolicy.IsForbidden(a) && !(loopbackAllowed && IPAddress.IsLoopback(a))).ToList();
        // One bad answer condemns the name: a mixed answer is how rebinding attacks start.
        if (refused.Count > 0 || addresses.Length == 0)
            throw Fail(provider, "download_forbidden_address", $"{host} resolves to {(refused.Count > 0 ? string.Join(", ", refused) : "nothing")}, not a public address", false);
        return addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
    }

    private SocketsHttpHandler Handler(IPAddress pinned)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            ConnectCallback = AddressPolicy.ConnectTo(pinned),
        };
        var trusted = options.Value.Thumbprints;
        if (trusted.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (certificate is not null && trusted.Contains(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()))));
        }

        return handler;
    }

    private static void CheckStatus(string provider, Uri uri, HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
            return;
        var status = (int)response.StatusCode;
        // Signed output URLs answer 403 or 404 once they have expired (Runway after 24–48 h, Replicate after 1 h).
        if (status is 403 or 404 or 410)
            throw Fail(provider, "output_expired", $"the output at {Redacted(uri)} is gone (HTTP {status})", false, status: status);
        if (status == 401)
            throw Fail(provider, "unauthorized", $"the download of {Redacted(uri)} was not authorised (HTTP 401)", false, status: status);
        throw Fail(provider, "download_failed", $"the download of {Redacted(uri)} answered HTTP {status}", true, status: status);
    }

    private static async Task<long> SaveAsync(string provider, HttpResponseMessage response, long maxBytes, string destinationFile, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
            throw Fail(provider, "download_too_large", $"the output is {response.Content.Headers.ContentLength} bytes, over the cap of {maxBytes}", false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationFile))!);
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var target = new FileStream(destinationFile, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
                throw Fail(provider, "download_too_large", $"the output passed the cap of {maxBytes} bytes and was cut off", false);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    /// <summary>The URL without its query: signed URLs carry credentials there.</summary>
    internal static string Redacted(Uri uri) => uri.IsAbsoluteUri ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}" : "(relative URL)";

    private static ProviderException Fail(string provider, string code, string message, bool retryable, Exception? inner = null, int? status = null) =>
        new(provider, code, $"download refused or failed: {message}", retryable, status, inner);
}
