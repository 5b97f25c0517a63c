using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AiProd.Deploy.Tests.Support;

/// <summary>A role as an overlay deploys it: its Deployment, that Deployment's environment, and the role built with it.</summary>
public sealed record DeployedRole(string Overlay, string Role, Bundle Bundle, JsonObject Deployment, IReadOnlyList<EnvironmentEntry> Environment, RoleHost Host)
{
    private static readonly ConcurrentDictionary<(string, string), Task<DeployedRole>> Cache = new();
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public JsonObject PodSpec => Deployment["spec"]!["template"]!["spec"]!.AsObject();

    public JsonObject Container => DeploymentEnvironment.Container(Deployment);

    /// <summary>Built once per run; one at a time, since a build sets this process's environment variables.</summary>
    public static Task<DeployedRole> GetAsync(string overlay, string role) => Cache.GetOrAdd((overlay, role), k => BuildAsync(k.Item1, k.Item2));

    private static async Task<DeployedRole> BuildAsync(string overlay, string role)
    {
        var bundle = await Support.Overlay.BundleAsync(overlay);
        var deployment = bundle.Get("Deployment", role);
        var environment = DeploymentEnvironment.Of(bundle, deployment);
        await OneAtATime.WaitAsync();
        try
        {
            return new DeployedRole(overlay, role, bundle, deployment, environment, RoleHost.Build(role, environment));
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>The same role built without one of its variables (to see whether that variable changes anything).</summary>
    public async Task<RoleHost> WithoutAsync(EnvironmentEntry entry)
    {
        await OneAtATime.WaitAsync();
        try
        {
            return RoleHost.Build(Role, Environment.Where(e => e != entry));
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    public override string ToString() => $"{Overlay}/{Role}";
}
