namespace AiProd.Providers.Download;

/// <summary>
/// One provider's download limits: the hosts its outputs come from (an entry "*.example.com" allows its subdomains),
/// the largest file and the longest time allowed, and how many redirects are followed (each one checked again).
/// </summary>
public sealed record DownloadPolicy(IReadOnlyList<string> AllowedHosts, long MaxBytes, TimeSpan Timeout, int MaxRedirects = 3)
{
    /// <summary>Whether <paramref name="host"/> is one of <see cref="AllowedHosts"/> (case-insensitive, exact or by "*." suffix).</summary>
    public bool Allows(string host)
    {
        var h = host.TrimEnd('.').ToLowerInvariant();
        return AllowedHosts.Any(a => a.StartsWith("*.", StringComparison.Ordinal)
            ? h.EndsWith(a[1..], StringComparison.Ordinal) && h.Length > a.Length - 1
            : h == a);
    }
}
