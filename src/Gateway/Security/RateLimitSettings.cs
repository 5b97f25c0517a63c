using System.ComponentModel.DataAnnotations;

namespace AiProd.Gateway.Security;

/// <summary>
/// Per-caller request budgets (section <c>RateLimits</c>): a token bucket per API key or token subject, and one per
/// remote address for requests without a valid credential. Counted per gateway replica.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Sustained requests per minute allowed to one key.</summary>
    [Range(1, 10_000_000)]
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>Requests one key may send at once before the sustained rate applies.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 30;

    /// <summary>Sustained requests per minute from one address without a valid credential (bad keys count here).</summary>
    [Range(1, 10_000_000)]
    public int AnonymousRequestsPerMinute { get; set; } = 30;

    /// <summary>Burst of an address without a valid credential.</summary>
    [Range(1, 10_000_000)]
    public int AnonymousBurst { get; set; } = 10;
}
