namespace AiProd.Deploy.Tests.Support;

/// <summary>One variable of a container's environment, and where the Deployment takes it from.</summary>
/// <param name="Source">"configMap", "value" or "secret".</param>
public sealed record EnvironmentEntry(string Name, string Value, string Source, string? Origin)
{
    /// <summary>The configuration key .NET's environment provider makes of it (<c>Assets__Bucket</c> → <c>Assets:Bucket</c>).</summary>
    public string Key => Name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>A plain process variable (<c>PUBSUB_EMULATOR_HOST</c>): read from the environment, not as configuration.</summary>
    public bool IsProcessVariable => !Name.Contains("__", StringComparison.Ordinal);
}
