using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (ports chosen by the OS) with two listeners: plain http for the API calls and
/// https, with a self-signed certificate for "localhost" made here, for the output downloads (the downloader only
/// fetches https). Clients trust that certificate by its SHA-256 thumbprint (<c>Providers:Download:TrustedCertificateSha256</c>).
/// </summary>
public sealed class StubHost : IAsyncDisposable
{
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(MakeCertificate);
    private readonly WebApplication _app;

    private StubHost(WebApplication app, Uri api, Uri downloads)
    {
        _app = app;
        ApiBase = api;
        DownloadBase = downloads;
    }

    /// <summary>http://localhost:port, for the API calls (same host name as the downloads, as for the Gemini API).</summary>
    public Uri ApiBase { get; }

    /// <summary>https://localhost:port, for output URLs.</summary>
    public Uri DownloadBase { get; }

    /// <summary>SHA-256 thumbprint (hex) of the https listener's certificate.</summary>
    public static string CertificateSha256 => Convert.ToHexString(SHA256.HashData(SharedCertificate.Value.RawData));

    public static async Task<StubHost> StartAsync(Action<WebApplication> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(SharedCertificate.Value));
        });
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        var http = addresses.Single(a => a.Scheme == "http");
        var https = addresses.Single(a => a.Scheme == "https");
        return new StubHost(app, new Uri($"http://localhost:{http.Port}"), new Uri($"https://localhost:{https.Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static X509Certificate2 MakeCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Re-imported so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
