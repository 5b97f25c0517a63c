using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AiProd.Deploy.Tests.Support;

/// <summary>A kustomize overlay under k8s/overlays, rendered once per test run by <c>kubectl kustomize</c>.</summary>
public static class Overlay
{
    public const string Local = "local";
    public const string Gke = "gke";

    public static readonly string[] All = [Local, Gke];

    private static readonly ConcurrentDictionary<string, Lazy<Task<(string Yaml, Bundle Bundle)>>> Rendered = new();

    public static string Folder(string overlay) => Path.Combine(AiProd.Testing.RepoPaths.Root, "k8s", "overlays", overlay);

    /// <summary>The overlay's manifests as <c>kubectl kustomize</c> prints them.</summary>
    public static async Task<string> YamlAsync(string overlay) => (await RenderedAsync(overlay)).Yaml;

    /// <summary>The overlay's manifests, parsed.</summary>
    public static async Task<Bundle> BundleAsync(string overlay) => (await RenderedAsync(overlay)).Bundle;

    private static Task<(string Yaml, Bundle Bundle)> RenderedAsync(string overlay) =>
        Rendered.GetOrAdd(overlay, o => new Lazy<Task<(string Yaml, Bundle Bundle)>>(() => RenderAsync(o))).Value;

    private static async Task<(string Yaml, Bundle Bundle)> RenderAsync(string overlay)
    {
        var kustomize = await Tool.RunAsync("kubectl", ["kustomize", Folder(overlay)]);
        if (kustomize.ExitCode != 0)
            throw new InvalidOperationException($"kubectl kustomize {overlay} failed: {kustomize}");
        return (kustomize.Output, await ParseAsync(kustomize.Output));
    }

    /// <summary>YAML documents as JSON, through the validator's own YAML parser (k8s/validate/to-json.mjs).</summary>
    public static async Task<Bundle> ParseAsync(string yaml)
    {
        var json = await Tool.RunAsync("node", [Path.Combine(Tool.ValidatorFolder, "to-json.mjs"), "-"], yaml);
        if (json.ExitCode != 0)
            throw new InvalidOperationException($"to-json.mjs failed: {json}");
        return new Bundle(JsonNode.Parse(json.Output)!.AsArray().Select(d => d!.AsObject()).ToList());
    }
}
