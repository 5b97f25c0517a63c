namespace AiProd.Gateway.Security;

/// <summary>
/// What sits in front of the gateway: allowed browser origins (section <c>Cors</c>) and trusted proxies (section
/// <c>ForwardedHeaders</c>).
/// </summary>
public sealed class EdgeSettings
{
    /// <summary>Browser origins allowed to call the API (<c>Cors:Origins</c>); none (the default) means CORS is closed.</summary>
    public string[] Origins { get; set; } = [];

    /// <summary>Read <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> (<c>ForwardedHeaders:Enabled</c>), from trusted proxies only.</summary>
    public bool ForwardedHeaders { get; set; }

    /// <summary>Proxy addresses trusted for forwarded headers (<c>ForwardedHeaders:KnownProxies</c>); loopback always is.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks (CIDR) trusted for forwarded headers (<c>ForwardedHeaders:KnownNetworks</c>), e.g. a load balancer's ranges.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public static EdgeSettings From(IConfiguration configuration) => new()
    {
        Origins = List(configuration, "Cors:Origins"),
        ForwardedHeaders = configuration.GetValue<bool>("ForwardedHeaders:Enabled"),
        KnownProxies = List(configuration, "ForwardedHeaders:KnownProxies"),
        KnownNetworks = List(configuration, "ForwardedHeaders:KnownNetworks"),
    };

    /// <summary>A list given as an array section (<c>Cors:Origins:0</c>) or as one comma-separated value.</summary>
    private static string[] List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? string.Empty);
        return [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }
}
