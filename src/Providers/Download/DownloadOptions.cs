namespace AiProd.Providers.Download;

/// <summary>
/// Test and development switches of the provider downloader (section <c>Providers:Download</c>). Both are empty by
/// default, and production must leave them so: then only https on public addresses with a normally valid certificate
/// is ever fetched. The loopback stubs of the test suites set both.
/// </summary>
public sealed class DownloadOptions
{
    public const string Section = "Providers:Download";

    /// <summary>
    /// Comma-separated host names (not IP literals) that may resolve to a loopback address, for example "localhost"
    /// for a stub on 127.0.0.1. Each must also be in the provider's allowed hosts. Every other private, link-local or
    /// loopback address stays refused, also for these hosts. Default empty.
    /// </summary>
    public string LoopbackHosts { get; set; } = "";

    /// <summary>
    /// Comma-separated SHA-256 thumbprints (hex) of server certificates trusted in addition to the system's roots, for
    /// a stub's self-signed certificate. Default empty.
    /// </summary>
    public string TrustedCertificateSha256 { get; set; } = "";

    internal IReadOnlyList<string> Loopback => Split(LoopbackHosts);

    internal IReadOnlyList<string> Thumbprints => [.. Split(TrustedCertificateSha256).Select(t => t.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant())];

    /// <summary>A comma-separated host list, trimmed and lower-cased.</summary>
    public static IReadOnlyList<string> Split(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => h.ToLowerInvariant())];
}
