using AiProd.Deploy.Tests.Support;

namespace AiProd.Deploy.Tests;

/// <summary>
/// Every overlay rendered by <c>kubectl kustomize</c> and checked offline by k8s/validate (Kubernetes, KEDA and GKE
/// schemas, a TypeScript check of every field name, references between documents), and the same check failing on a
/// rendered overlay with one mistake put in.
/// </summary>
public sealed class When_the_overlays_are_validated
{
    private static IEnumerable<string> Overlays => Overlay.All;

    [TestCaseSource(nameof(Overlays))]
    public async Task Should_pass_the_schema_field_and_reference_checks(string overlay)
    {
        var result = await Tool.ValidateAsync(await Overlay.YamlAsync(overlay));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Match(@"validated \d+ documents: no problems"));
    }

    [Test]
    public async Task Should_pass_with_the_gcp_pubsub_scaler_in_place_of_Managed_Prometheus()
    {
        var documents = (await Overlay.YamlAsync(Overlay.Gke)).Split("\n---\n");
        var kept = documents.Where(d => !(d.Contains("kind: ScaledObject", StringComparison.Ordinal) && d.Contains("\n  name: render-worker\n", StringComparison.Ordinal))).ToList();
        Assert.That(kept, Has.Count.EqualTo(documents.Length - 1), "the render-worker ScaledObject is replaced");

        var result = await Tool.ValidateAsync(string.Join("\n---\n", kept) + "\n---\n" + await File.ReadAllTextAsync(ManifestFiles.GcpPubSubAlternative));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
    }

    [TestCase("readinessProbe:", "readinesProbe:", "'readinesProbe' does not exist")]
    [TestCase("cooldownPeriod: 300", "cooldownPeriods: 300", "'cooldownPeriods' does not exist")]
    [TestCase("terminationGracePeriodSeconds: 570", "terminationGracePeriodSeconds: nine minutes", "terminationGracePeriodSeconds must be integer")]
    [TestCase("threshold: \"2\"", "treshold: \"2\"", "unknown metadata key 'treshold'")]
    [TestCase("kind: HorizontalPodAutoscaler", "kind: HorizontalPodAutoscalar", "no schema for apiVersion autoscaling/v2, kind HorizontalPodAutoscalar")]
    [TestCase("name: render-worker-config-", "name: render-worker-konfig-", "envFrom ConfigMap render-worker-config-")]
    public async Task Should_fail_the_gke_overlay_with_one_mistake(string correct, string mistake, string expected)
    {
        var yaml = await Overlay.YamlAsync(Overlay.Gke);
        var index = yaml.IndexOf(correct, StringComparison.Ordinal);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"the overlay has '{correct}'");
        var broken = string.Concat(yaml.AsSpan(0, index), mistake, yaml.AsSpan(index + correct.Length));

        var result = await Tool.ValidateAsync(broken);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output, Does.Contain(expected));
    }
}
