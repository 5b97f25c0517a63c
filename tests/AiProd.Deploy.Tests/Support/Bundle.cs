using System.Text.Json.Nodes;

namespace AiProd.Deploy.Tests.Support;

/// <summary>The documents of one rendered overlay, looked up by kind and name.</summary>
public sealed class Bundle(IReadOnlyList<JsonObject> documents)
{
    public IReadOnlyList<JsonObject> Documents { get; } = documents;

    public IEnumerable<JsonObject> OfKind(string kind) => Documents.Where(d => (string?)d["kind"] == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).FirstOrDefault(d => NameOf(d) == name);

    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new AssertionException($"the bundle has no {kind} named {name}");

    public static string NameOf(JsonNode document) => (string?)document["metadata"]?["name"] ?? "";

    /// <summary>Every ScaledObject and HorizontalPodAutoscaler aimed at this Deployment.</summary>
    public IEnumerable<JsonObject> AutoscalersOf(string deployment) =>
        OfKind("ScaledObject").Where(s => (string?)s["spec"]?["scaleTargetRef"]?["name"] == deployment)
            .Concat(OfKind("HorizontalPodAutoscaler").Where(h => (string?)h["spec"]?["scaleTargetRef"]?["name"] == deployment));
}
