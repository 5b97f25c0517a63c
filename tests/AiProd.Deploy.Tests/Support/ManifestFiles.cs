namespace AiProd.Deploy.Tests.Support;

/// <summary>Manifest files outside the overlays that the tests validate too.</summary>
public static class ManifestFiles
{
    public static string GcpPubSubAlternative { get; } =
        Path.Combine(AiProd.Testing.RepoPaths.Root, "k8s", "components", "autoscaling", "alternatives", "render-worker-gcp-pubsub.yaml");

    public static string Broken { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "broken-manifests.yaml");
}
