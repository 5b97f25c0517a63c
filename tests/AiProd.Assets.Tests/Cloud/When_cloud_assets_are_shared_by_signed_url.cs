using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using AiProd.Testing;

namespace AiProd.Assets.Tests.Cloud;

/// <summary>
/// The emulator serves a V4 signed GET but checks neither its signature nor its expiry, so this test checks the
/// signature itself against the public half of a key it made; that Cloud Storage enforces expiry is verified only there.
/// </summary>
[Category("Integration")]
public sealed class When_cloud_assets_are_shared_by_signed_url : CloudStorageTest
{
    private const string Signer = ServiceAccountKeyFile.Email;
    private readonly Guid _video = Guid.NewGuid();
    private RSA _key = null!;

    [SetUp]
    public void MakeKey() => _key = RSA.Create(2048);

    [TearDown]
    public void DropKey() => _key.Dispose();

    [Test]
    public async Task Should_sign_a_v4_read_url_that_the_emulator_serves()
    {
        var gateway = Machine("gateway-1", o => o.SigningCredentialFile = WriteServiceAccountKey());
        var content = RandomBytes(10_000);
        var uri = await gateway.PutBytesAsync(_video, "v1/video.mp4", content, CancellationToken.None);

        var url = await gateway.GetSignedReadUrlAsync(uri, TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.That(url, Is.Not.Null);
        Assert.That(url!.Authority, Is.EqualTo(CloudStorageEmulator.Emulator.Host));
        Assert.That(url.AbsolutePath, Is.EqualTo($"/{Bucket}/videos/{_video:N}/v1/video.mp4"));
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.That(query["X-Goog-Algorithm"], Is.EqualTo("GOOG4-RSA-SHA256"));
        Assert.That(query["X-Goog-Expires"], Is.EqualTo("600"));
        Assert.That(query["X-Goog-Credential"], Does.StartWith(Signer + "/"));
        Assert.That(SignatureHolds(url), Is.True, "signed with the key in the credential file");
        using var http = new HttpClient();
        Assert.That(await http.GetByteArrayAsync(url), Is.EqualTo(content), "anyone holding the URL can GET it, no credentials");
    }

    [Test]
    public async Task Should_not_sign_without_a_credential_that_can()
    {
        var store = Machine("gateway-1");
        var uri = await store.PutBytesAsync(_video, "v1/video.mp4", "v"u8.ToArray(), CancellationToken.None);

        Assert.That(await store.GetSignedReadUrlAsync(uri, TimeSpan.FromMinutes(15), CancellationToken.None), Is.Null,
            "the emulator has no credentials to sign with");
    }

    [Test]
    public void Should_refuse_lifetimes_a_v4_url_cannot_have()
    {
        var store = Machine("gateway-1", o => o.SigningCredentialFile = WriteServiceAccountKey());
        var uri = $"gs://{Bucket}/videos/{_video:N}/v1/video.mp4";

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetSignedReadUrlAsync(uri, TimeSpan.FromDays(8), CancellationToken.None));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetSignedReadUrlAsync(uri, TimeSpan.Zero, CancellationToken.None));
    }

    private string WriteServiceAccountKey() => ServiceAccountKeyFile.Write(Path.Combine(Folder, "signer.json"), _key);

    /// <summary>
    /// Rebuilds the V4 string-to-sign from the URL (path style, host header only, unsigned payload) and checks the RSA
    /// signature. Google's signer puts the host without its port in the signed host header (no matter on GCS's 443).
    /// </summary>
    private bool SignatureHolds(Uri url)
    {
        var pairs = url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToList();
        var signature = pairs.Single(p => p[0] == "X-Goog-Signature")[1];
        var canonicalQuery = string.Join('&', pairs.Where(p => p[0] != "X-Goog-Signature").OrderBy(p => p[0], StringComparer.Ordinal).Select(p => $"{p[0]}={p[1]}"));
        var canonicalRequest = string.Join('\n', "GET", url.AbsolutePath, canonicalQuery, $"host:{url.Host}", string.Empty, "host", "UNSIGNED-PAYLOAD");
        var query = HttpUtility.ParseQueryString(url.Query);
        var scope = query["X-Goog-Credential"]![(Signer.Length + 1)..];
        var stringToSign = string.Join('\n', "GOOG4-RSA-SHA256", query["X-Goog-Date"], scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        return _key.VerifyData(Encoding.UTF8.GetBytes(stringToSign), Convert.FromHexString(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
