using System.Text.Json.Nodes;

namespace AiProd.Deploy.Tests.Support;

/// <summary>What a Deployment's container finds in its environment: envFrom ConfigMaps in order, then env entries.</summary>
public static class DeploymentEnvironment
{
    /// <summary>The value tests give a variable taken from a Secret (the Secret itself is created out of band).</summary>
    public const string SecretPlaceholder = "placeholder-value-from-a-kubernetes-secret";

    public static JsonObject Container(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray()
            .Single(c => (string?)c!["name"] == Bundle.NameOf(deployment))!.AsObject();

    /// <summary>Every variable name the container gets from a ConfigMap or a plain value, those env overrides too.</summary>
    public static IEnumerable<(string Name, string Origin)> NonSecretNames(Bundle bundle, JsonObject deployment)
    {
        var container = Container(deployment);
        foreach (var from in container["envFrom"]?.AsArray() ?? [])
        {
            var name = (string?)from!["configMapRef"]?["name"] ?? "";
            foreach (var (key, _) in bundle.Get("ConfigMap", name)["data"]?.AsObject() ?? [])
                yield return (key, $"ConfigMap {name}");
        }

        foreach (var env in container["env"]?.AsArray() ?? [])
        {
            if (env!["valueFrom"] is null)
                yield return ((string)env["name"]!, "a plain env value");
        }
    }

    public static IReadOnlyList<EnvironmentEntry> Of(Bundle bundle, JsonObject deployment)
    {
        var container = Container(deployment);
        var entries = new Dictionary<string, EnvironmentEntry>(StringComparer.Ordinal);
        foreach (var from in container["envFrom"]?.AsArray() ?? [])
        {
            var name = (string?)from!["configMapRef"]?["name"]
                ?? throw new AssertionException($"{Bundle.NameOf(deployment)}: envFrom other than a ConfigMap");
            var data = bundle.Get("ConfigMap", name)["data"]?.AsObject() ?? [];
            foreach (var (key, value) in data)
                entries[key] = new EnvironmentEntry(key, (string?)value ?? "", "configMap", name);
        }

        foreach (var env in container["env"]?.AsArray() ?? [])
        {
            var name = (string)env!["name"]!;
            var secret = env["valueFrom"]?["secretKeyRef"];
            entries[name] = secret is not null
                ? new EnvironmentEntry(name, SecretPlaceholder, "secret", $"{secret["name"]}/{secret["key"]}")
                : env["valueFrom"] is null
                    ? new EnvironmentEntry(name, (string?)env["value"] ?? "", "value", null)
                    : throw new AssertionException($"{Bundle.NameOf(deployment)}: env {name} takes its value from something other than a Secret");
        }

        return [.. entries.Values];
    }
}
