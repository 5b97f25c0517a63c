namespace AiProd.Workers.Common;

/// <summary>
/// The backends' list prices and clip lengths (section <c>Financial</c>): the financial role estimates with them and
/// the render role bills with them, so both read the same numbers. <c>FinancialOptions</c> extends it with the cost
/// model's parameters.
/// </summary>
public class BackendPrices
{
    public const string Section = "Financial";

    /// <summary>
    /// USD per second of output by backend; a "backend@resolution" key (e.g. "replicate-wan25@1080p") overrides the plain
    /// one for that resolution. Defaults from the provider notes (2.6): veo3 0.40, runway (gen4_turbo) 0.05,
    /// replicate-wan25 0.10 at 720p and 0.15 at 1080p (unverified), local 0.001 (electricity and wear).
    /// </summary>
    public Dictionary<string, decimal> PricesPerSecondUsd { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["veo3"] = 0.40m,
        ["runway"] = 0.05m,
        ["replicate-wan25"] = 0.10m,
        ["replicate-wan25@1080p"] = 0.15m,
        ["local"] = 0.001m,
    };

    /// <summary>
    /// Clip lengths (seconds, comma-separated) of backends that only generate fixed lengths: each shot is billed at the
    /// shortest that covers it. Defaults: veo3 "8" (Veo 3 on the Gemini API), runway "5,10" (gen4_turbo),
    /// replicate-wan25 "5,10" (Wan 2.5). Backends not listed bill the shot's own length.
    /// </summary>
    public Dictionary<string, string> ClipLengthsSeconds { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["veo3"] = "8",
        ["runway"] = "5,10",
        ["replicate-wan25"] = "5,10",
    };

    /// <summary>The resolution-specific price ("replicate-wan25@1080p") when configured, else the backend's price; null when neither is.</summary>
    public decimal? PriceOf(string backend, string resolution) =>
        PricesPerSecondUsd.TryGetValue($"{backend}@{resolution}", out var specific) ? specific
        : PricesPerSecondUsd.TryGetValue(backend, out var price) ? price
        : null;

    /// <summary>The backend's clip lengths, parsed; empty when it bills shots by their own length; null when malformed.</summary>
    public IReadOnlyList<int>? ClipLengths(string backend)
    {
        if (!ClipLengthsSeconds.TryGetValue(backend, out var list) || string.IsNullOrWhiteSpace(list))
            return [];
        var lengths = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(x => int.TryParse(x, out var n) && n > 0 ? n : (int?)null).ToList();
        return lengths.Count > 0 && lengths.All(n => n is not null) ? lengths.Select(n => n!.Value).ToList() : null;
    }
}
