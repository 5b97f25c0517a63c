using System.Text.RegularExpressions;
using AiProd.Assets;
using AiProd.Deploy.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiProd.Deploy.Tests;

/// <summary>
/// Each role built in process exactly as its service builds it, with nothing but the environment its Deployment
/// gives it in each overlay: the keys it reads come from the code, not from a list kept here.
/// </summary>
[TestFixtureSource(typeof(Overlay), nameof(Overlay.All))]
public sealed partial class When_a_role_runs_with_its_Deployments_environment(string overlay)
{
    private static IEnumerable<string> AllRoles => Roles.All;

    /// <summary>The distributed mode (docs/DESIGN.md): every role that reads one of these keys must run on this value.</summary>
    private static readonly (string Key, string Value)[] CloudStores =
        [("Bus:Transport", "PubSub"), ("Saga:Store", "Firestore"), ("Assets:Store", "Gcs")];

    [TestCaseSource(nameof(AllRoles))]
    public async Task Should_pass_its_start_up_checks(string role)
    {
        var deployed = await DeployedRole.GetAsync(overlay, role);

        Assert.DoesNotThrow(deployed.Host.ValidateOnStart, $"{deployed} would refuse to start");
    }

    [TestCaseSource(nameof(AllRoles))]
    public async Task Should_read_every_key_it_is_given(string role)
    {
        var deployed = await DeployedRole.GetAsync(overlay, role);
        var unread = new List<string>();
        foreach (var entry in deployed.Environment.Where(e => !deployed.Host.KeysRead.Contains(e.Key)))
        {
            // A plain variable (PUBSUB_EMULATOR_HOST) is read from the process environment: it counts if it changes an option.
            if (entry.IsProcessVariable)
            {
                await using var without = await deployed.WithoutAsync(entry);
                if (!without.Options.SequenceEqual(deployed.Host.Options))
                    continue;
            }

            unread.Add($"{entry.Name} (from {entry.Source} {entry.Origin})");
        }

        Assert.That(unread, Is.Empty, $"{deployed} is given keys it never reads: misspelt, or meant for another role");
    }

    [TestCaseSource(nameof(AllRoles))]
    public async Task Should_run_on_Pub_Sub_Firestore_and_Cloud_Storage(string role)
    {
        var deployed = await DeployedRole.GetAsync(overlay, role);
        var read = CloudStores.Where(s => deployed.Host.KeysRead.Contains(s.Key)).ToList();

        Assert.That(read.Select(s => s.Key), Does.Contain("Bus:Transport"));
        Assert.Multiple(() =>
        {
            foreach (var (key, value) in read)
                Assert.That(deployed.Host.App.Configuration[key], Is.EqualTo(value).IgnoreCase, $"{deployed}: {key}");
        });
    }

    [TestCaseSource(nameof(AllRoles))]
    public async Task Should_take_provider_keys_from_a_Secret_only(string role)
    {
        var deployed = await DeployedRole.GetAsync(overlay, role);
        var providerKeys = deployed.Host.KeysRead.Where(k => ProviderKey().IsMatch(k)).ToList();

        Assert.Multiple(() =>
        {
            foreach (var key in providerKeys)
                Assert.That(deployed.Environment.SingleOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase))?.Source,
                    Is.EqualTo("secret"), $"{deployed} reads {key}: it must come from the Secret provider-keys");
            // Every key of every ConfigMap and plain value, shadowed ones too: a ConfigMap is readable by anyone who can read the namespace.
            foreach (var (name, origin) in DeploymentEnvironment.NonSecretNames(deployed.Bundle, deployed.Deployment))
                Assert.That(name, Does.Not.Match("(?i)(ApiKey|Token|Secret|Password)$"), $"{deployed}: a credential in {origin}");
        });
    }

    [TestCaseSource(nameof(AllRoles))]
    public async Task Should_outlive_its_graceful_stop(string role)
    {
        var deployed = await DeployedRole.GetAsync(overlay, role);
        var grace = (int)deployed.PodSpec["terminationGracePeriodSeconds"]!;
        var preStop = (int?)deployed.Container["lifecycle"]?["preStop"]?["sleep"]?["seconds"] ?? 0;

        // SIGTERM comes after preStop; the host then waits ShutdownTimeout (PubSub:StopTimeout + 10 s) for the bus to
        // finish or hand back what it holds. A kill before that cuts the last acks off and the work is done twice.
        Assert.That(grace, Is.GreaterThanOrEqualTo(preStop + deployed.Host.ShutdownTimeout.TotalSeconds + 5),
            $"{deployed}: shutdown takes up to {deployed.Host.ShutdownTimeout} after a {preStop} s preStop");
    }

    [TestCaseSource(nameof(AllRoles))]
    public async Task Should_be_probed_on_the_endpoints_it_maps(string role)
    {
        var deployed = await DeployedRole.GetAsync(overlay, role);
        var container = deployed.Container;
        var port = container["ports"]!.AsArray().Single(p => (string?)p!["name"] == "http")!;

        Assert.Multiple(() =>
        {
            Assert.That((string?)container["readinessProbe"]?["httpGet"]?["path"], Is.EqualTo("/health"));
            Assert.That((string?)container["livenessProbe"]?["httpGet"]?["path"], Is.EqualTo("/alive"));
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                var path = (string?)container[probe]?["httpGet"]?["path"];
                Assert.That(deployed.Host.Routes, Does.Contain(path), $"{deployed}: {probe} asks {path}, which the role does not map");
                Assert.That((string?)container[probe]?["httpGet"]?["port"], Is.EqualTo("http"));
            }

            Assert.That((int)port["containerPort"]!, Is.EqualTo(Dockerfile.Of(role).HttpPort), "the port Kestrel listens on in the image");
        });
    }

    [TestCaseSource(nameof(AllRoles))]
    public async Task Should_write_only_to_its_own_volumes(string role)
    {
        var deployed = await DeployedRole.GetAsync(overlay, role);
        var container = deployed.Container;
        var mounts = container["volumeMounts"]!.AsArray().ToDictionary(m => (string)m!["mountPath"]!, m => (string)m!["name"]!);
        var volumes = deployed.PodSpec["volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!.AsObject());

        Assert.Multiple(() =>
        {
            Assert.That((bool?)container["securityContext"]?["readOnlyRootFilesystem"], Is.True);
            Assert.That((bool?)deployed.PodSpec["securityContext"]?["runAsNonRoot"], Is.True);
            Assert.That(mounts.Keys, Does.Contain("/tmp"), "ffmpeg and .NET write temporary files");
        });
        if (!deployed.Host.KeysRead.Contains("Assets:CacheRoot"))
            return;

        // The asset cache: a mounted emptyDir larger than the cache's own size limit.
        var assets = deployed.Host.App.Services.GetRequiredService<IOptions<AssetOptions>>().Value;
        Assert.That(mounts, Does.ContainKey(assets.CacheRoot), $"{deployed}: Assets:CacheRoot {assets.CacheRoot} is not a mounted volume");
        var sizeLimit = (string?)volumes[mounts[assets.CacheRoot!]]["emptyDir"]?["sizeLimit"];
        Assert.That(sizeLimit, Is.Not.Null, "an emptyDir with a sizeLimit");
        Assert.That(Quantity.Bytes(sizeLimit!), Is.GreaterThan(assets.CacheSizeLimitMiB * 1024L * 1024L), $"{deployed}: the cache may grow to {assets.CacheSizeLimitMiB} MiB");
    }

    [TestCaseSource(nameof(AllRoles))]
    public async Task Should_run_as_its_own_service_account(string role)
    {
        var deployed = await DeployedRole.GetAsync(overlay, role);

        Assert.That((string?)deployed.PodSpec["serviceAccountName"], Is.EqualTo(role));
        if (overlay != Overlay.Gke)
            return;
        var project = deployed.Host.App.Configuration["PubSub:ProjectId"];
        var account = deployed.Bundle.Get("ServiceAccount", role)["metadata"]?["annotations"]?["iam.gke.io/gcp-service-account"];
        Assert.That((string?)account, Is.EqualTo($"aiprod-{role}@{project}.iam.gserviceaccount.com"), "Workload Identity, in the role's own project");
    }

    [GeneratedRegex("^Providers:[^:]+:ApiKey$", RegexOptions.IgnoreCase)]
    private static partial Regex ProviderKey();
}
