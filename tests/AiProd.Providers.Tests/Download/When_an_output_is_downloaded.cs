using AiProd.Providers.Download;
using AiProd.Providers.Http;
using AiProd.Providers.Tests.Stubs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Providers.Tests.Download;

[Category("Integration")]
public class When_an_output_is_downloaded
{
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 64 * 1024).Select(i => (byte)i)];
    private StubHost _stub = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task StartStub()
    {
        _stub = await StubHost.StartAsync(app =>
        {
            app.MapGet("/ok", () => Results.Bytes(Payload, "video/mp4"));
            app.MapGet("/keyed", (HttpContext http) => http.Request.Headers["x-goog-api-key"] == "k" ? Results.Bytes(Payload, "video/mp4") : Results.StatusCode(401));
            app.MapGet("/redirect", (string to) => Results.Redirect(to));
            app.MapGet("/slow", async (CancellationToken ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                return Results.Bytes(Payload, "video/mp4");
            });
            app.MapGet("/gone", () => Results.StatusCode(404));
        });
        _folder = Directory.CreateTempSubdirectory("aiprod-download-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopStub()
    {
        await _stub.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static ProviderDownloader Downloader(string loopbackHosts = "localhost", bool trustStub = true) => new(
        Options.Create(new DownloadOptions { LoopbackHosts = loopbackHosts, TrustedCertificateSha256 = trustStub ? StubHost.CertificateSha256 : "" }),
        NullLogger<ProviderDownloader>.Instance);

    private static DownloadPolicy Policy(params string[] hosts) => new(hosts.Length == 0 ? ["localhost"] : hosts, 1_000_000, TimeSpan.FromSeconds(2));

    private string Url(string path) => new Uri(_stub.DownloadBase, path).ToString();

    private Task<long> Download(string url, ProviderDownloader? downloader = null, DownloadPolicy? policy = null, IReadOnlyDictionary<string, string>? headers = null) =>
        (downloader ?? Downloader()).DownloadAsync("test", new Uri(url), policy ?? Policy(), Path.Combine(_folder, Guid.NewGuid().ToString("N")), headers, CancellationToken.None);

    private static string CodeOf(AsyncTestDelegate call) => Assert.ThrowsAsync<ProviderException>(call)!.Code;

    [Test]
    public async Task Should_save_the_bytes_from_an_allowed_https_host()
    {
        var target = Path.Combine(_folder, "ok.mp4");
        var bytes = await Downloader().DownloadAsync("test", new Uri(Url("/ok")), Policy(), target, null, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Is.EqualTo(Payload.Length));
            Assert.That(File.ReadAllBytes(target), Is.EqualTo(Payload));
        });
    }

    [TestCase("https://127.0.0.1/x.mp4")]
    [TestCase("https://169.254.169.254/latest/meta-data/")]
    [TestCase("https://2852039166/latest/meta-data/")]
    [TestCase("https://0xa9fea9fe/latest/meta-data/")]
    [TestCase("https://10.0.0.1/x.mp4")]
    [TestCase("https://[::1]/x.mp4")]
    [TestCase("https://[::ffff:169.254.169.254]/x.mp4")]
    public void Should_refuse_a_private_address_even_when_it_is_allow_listed(string url)
    {
        // Every literal is on the allow-list: the address check alone must refuse it.
        var policy = Policy("127.0.0.1", "169.254.169.254", "10.0.0.1", "::1", "::ffff:169.254.169.254", "[::1]");
        Assert.That(CodeOf(() => Download(url, policy: policy)), Is.EqualTo("download_forbidden_address"));
    }

    [Test]
    public void Should_refuse_plain_http() =>
        Assert.That(CodeOf(() => Download($"http://localhost:{_stub.DownloadBase.Port}/ok")), Is.EqualTo("download_insecure_scheme"));

    [Test]
    public void Should_refuse_a_host_that_is_not_listed() =>
        Assert.That(CodeOf(() => Download(Url("/ok"), policy: Policy("replicate.delivery"))), Is.EqualTo("download_host_not_allowed"));

    [Test]
    public void Should_refuse_a_listed_name_that_resolves_to_loopback_unless_loopback_is_switched_on_for_it() =>
        Assert.That(CodeOf(() => Download(Url("/ok"), Downloader(loopbackHosts: ""))), Is.EqualTo("download_forbidden_address"));

    [TestCase("https://169.254.169.254/latest/meta-data/iam/")]
    [TestCase("https://2852039166/")]
    [TestCase("https://10.0.0.1/")]
    [TestCase("http://localhost/ok")]
    public void Should_refuse_a_redirect_from_an_allowed_host_to_a_forbidden_target(string target)
    {
        var policy = Policy("localhost", "169.254.169.254", "10.0.0.1");
        var code = CodeOf(() => Download(Url($"/redirect?to={Uri.EscapeDataString(target)}"), policy: policy));
        Assert.That(code, Is.AnyOf("download_forbidden_address", "download_insecure_scheme"));
    }

    [Test]
    public void Should_refuse_a_redirect_to_the_loopback_literal_even_though_localhost_is_allowed() =>
        Assert.That(
            CodeOf(() => Download(Url($"/redirect?to={Uri.EscapeDataString($"https://127.0.0.1:{_stub.DownloadBase.Port}/ok")}"), policy: Policy("localhost", "127.0.0.1"))),
            Is.EqualTo("download_forbidden_address"));

    [Test]
    public async Task Should_follow_a_redirect_to_an_allowed_host_and_keep_the_key_on_the_same_host()
    {
        var bytes = await Download(Url($"/redirect?to={Uri.EscapeDataString(Url("/keyed"))}"), headers: new Dictionary<string, string> { ["x-goog-api-key"] = "k" });
        Assert.That(bytes, Is.EqualTo(Payload.Length));
    }

    [Test]
    public void Should_stop_a_download_past_the_size_cap() =>
        Assert.That(CodeOf(() => Download(Url("/ok"), policy: new DownloadPolicy(["localhost"], 1000, TimeSpan.FromSeconds(2)))), Is.EqualTo("download_too_large"));

    [Test]
    public void Should_stop_a_download_past_the_time_cap() =>
        Assert.That(CodeOf(() => Download(Url("/slow"), policy: new DownloadPolicy(["localhost"], 1_000_000, TimeSpan.FromMilliseconds(300)))), Is.EqualTo("download_timeout"));

    [Test]
    public void Should_refuse_a_certificate_that_is_neither_valid_nor_pinned() =>
        Assert.That(CodeOf(() => Download(Url("/ok"), Downloader(trustStub: false))), Is.EqualTo("download_failed"));

    [Test]
    public void Should_report_an_output_that_is_gone_as_expired() =>
        Assert.That(CodeOf(() => Download(Url("/gone"))), Is.EqualTo("output_expired"));
}
