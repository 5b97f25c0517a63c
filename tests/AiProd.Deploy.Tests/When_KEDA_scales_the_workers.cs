using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiProd.Deploy.Tests.Support;

namespace AiProd.Deploy.Tests;

/// <summary>
/// The gke overlay's autoscalers against the code's own topology: every worker scales on the backlog of exactly the
/// subscriptions it consumes, named with the prefix and project its Deployment runs with.
/// </summary>
public sealed partial class When_KEDA_scales_the_workers
{
    private const string BacklogMetric = "pubsub_googleapis_com:subscription_num_undelivered_messages";

    private static IEnumerable<string> AllRoles => Roles.All;

    [TestCaseSource(nameof(AllRoles))]
    public async Task Should_have_exactly_one_autoscaler(string role)
    {
        var bundle = await Overlay.BundleAsync(Overlay.Gke);

        Assert.That(bundle.AutoscalersOf(role).Select(a => (string?)a["kind"]), Has.Exactly(1).Items, $"{role}: one ScaledObject or HPA");
    }

    [Test]
    public async Task Should_keep_at_least_two_orchestrators_and_gateways()
    {
        var bundle = await Overlay.BundleAsync(Overlay.Gke);

        Assert.Multiple(() =>
        {
            Assert.That((int?)bundle.Get("HorizontalPodAutoscaler", "orchestrator")["spec"]?["minReplicas"], Is.GreaterThanOrEqualTo(2));
            Assert.That((int?)bundle.Get("HorizontalPodAutoscaler", "gateway")["spec"]?["minReplicas"], Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task Should_scale_every_role_that_consumes_a_worker_endpoint_with_KEDA()
    {
        var bundle = await Overlay.BundleAsync(Overlay.Gke);
        var scaled = bundle.OfKind("ScaledObject").Select(s => (string)s["spec"]!["scaleTargetRef"]!["name"]!).Order().ToList();
        var deployed = await DeployedRole.GetAsync(Overlay.Gke, "render-worker");
        var topology = Topology.Consumed(deployed.Host.App.Configuration["PubSub:ProjectId"]!, deployed.Host.App.Configuration["PubSub:NamePrefix"] ?? "");

        // Every role whose work waits in a subscription of its own scales on it; the orchestrator (many event
        // subscriptions, ordered per video) and the gateway (none) scale on CPU.
        var workers = topology.Where(t => t.Value.Count == 1).Select(t => t.Key).Order().ToList();
        Assert.That(scaled, Is.EqualTo(workers));
    }

    [TestCaseSource(nameof(ScaledRoles))]
    public async Task Should_scale_on_the_backlog_of_exactly_the_subscriptions_it_consumes(string role)
    {
        var (scaledObject, deployed) = await ScaledObjectOfAsync(role);
        var trigger = scaledObject["spec"]!["triggers"]!.AsArray().Single()!;
        var query = (string)trigger["metadata"]!["query"]!;
        var project = deployed.Host.App.Configuration["PubSub:ProjectId"]!;
        var consumed = Topology.Consumed(project, deployed.Host.App.Configuration["PubSub:NamePrefix"] ?? "")[role];

        Assert.Multiple(() =>
        {
            Assert.That((string?)trigger["type"], Is.EqualTo("prometheus"));
            Assert.That(query, Does.Contain(BacklogMetric + "{"));
            Assert.That(query, Does.Contain("monitored_resource=\"pubsub_subscription\""));
            Assert.That(SubscriptionsIn(query), Is.EquivalentTo(consumed), $"{role} consumes {string.Join(", ", consumed)}");
            Assert.That((string?)trigger["metadata"]!["serverAddress"],
                Is.EqualTo($"https://monitoring.googleapis.com/v1/projects/{project}/location/global/prometheus"), "Managed Prometheus of the role's project");
            Assert.That((string?)trigger["authenticationRef"]?["name"], Is.EqualTo("gcp-workload-identity"));
        });
    }

    [Test]
    public async Task Should_authenticate_to_Managed_Prometheus_with_workload_identity()
    {
        var bundle = await Overlay.BundleAsync(Overlay.Gke);

        Assert.That((string?)bundle.Get("TriggerAuthentication", "gcp-workload-identity")["spec"]?["podIdentity"]?["provider"], Is.EqualTo("gcp"));
    }

    [Test]
    public async Task Should_name_the_same_subscription_in_the_gcp_pubsub_alternative()
    {
        var alternative = await Overlay.ParseAsync(await File.ReadAllTextAsync(ManifestFiles.GcpPubSubAlternative));
        var scaledObject = alternative.Get("ScaledObject", "render-worker");
        var (_, deployed) = await ScaledObjectOfAsync("render-worker");
        var consumed = Topology.Consumed(deployed.Host.App.Configuration["PubSub:ProjectId"]!, deployed.Host.App.Configuration["PubSub:NamePrefix"] ?? "")["render-worker"];

        Assert.That((string?)scaledObject["spec"]!["triggers"]![0]!["metadata"]!["subscriptionName"], Is.EqualTo(consumed.Single()));
    }

    private static IEnumerable<string> ScaledRoles => ["creative-worker", "financial-worker", "render-worker", "qa-worker", "delivery-worker"];

    private static async Task<(JsonObject ScaledObject, DeployedRole Deployed)> ScaledObjectOfAsync(string role)
    {
        var bundle = await Overlay.BundleAsync(Overlay.Gke);
        var scaledObject = bundle.OfKind("ScaledObject").Single(s => (string?)s["spec"]?["scaleTargetRef"]?["name"] == role);
        return (scaledObject, await DeployedRole.GetAsync(Overlay.Gke, role));
    }

    /// <summary>The subscription ids a PromQL selector matches: <c>subscription_id="a"</c> or <c>subscription_id=~"a|b"</c>.</summary>
    private static IReadOnlyList<string> SubscriptionsIn(string query) =>
        [.. SubscriptionMatcher().Matches(query).SelectMany(m => m.Groups[1].Value == "=~" ? m.Groups[2].Value.Split('|') : [m.Groups[2].Value])];

    [GeneratedRegex("subscription_id\\s*(=~|=)\\s*\"([^\"]*)\"")]
    private static partial Regex SubscriptionMatcher();
}
