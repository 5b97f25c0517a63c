using AiProd.Deploy.Tests.Support;

namespace AiProd.Deploy.Tests;

/// <summary>
/// scripts/publish-all.sh publishes each Dockerfile's project with that Dockerfile's own <c>dotnet publish</c> line (no
/// Docker engine here): what lands in each folder is what the image gets.
/// </summary>
[NonParallelizable]
public sealed class When_every_deployable_is_published
{
    private string _out = "";
    private ToolResult _publish = null!;
    private DateTime _embeddedGatewayBuilt;

    private static string EmbeddedGateway => Path.Combine(AiProd.Testing.RepoPaths.Root, "src", "Gateway", "bin", "Release", "net10.0", "AiProd.Gateway.dll");

    [OneTimeSetUp]
    public async Task Publish()
    {
        _out = Directory.CreateTempSubdirectory("aiprod-publish-").FullName;
        _embeddedGatewayBuilt = File.GetLastWriteTimeUtc(EmbeddedGateway);
        _publish = await Tool.RunAsync("bash", [Path.Combine(AiProd.Testing.RepoPaths.Root, "scripts", "publish-all.sh"), "--out", _out, "--no-build"],
            timeout: TimeSpan.FromMinutes(10));
        await TestContext.Progress.WriteLineAsync(_publish.Output);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_out, recursive: true);

    [Test]
    public void Should_have_one_Dockerfile_per_deployable()
    {
        Assert.That(Dockerfile.All.Select(d => d.Image), Is.EquivalentTo(Roles.All));
    }

    [Test]
    public void Should_publish_every_Dockerfile_with_its_entrypoint()
    {
        Assert.That(_publish.ExitCode, Is.EqualTo(0), _publish.ToString());
        Assert.Multiple(() =>
        {
            foreach (var d in Dockerfile.All)
            {
                Assert.That(Path.Combine(_out, d.Image, d.Entrypoint), Does.Exist, d.Path);
                Assert.That(Path.Combine(_out, d.Image, d.Entrypoint + ".runtimeconfig.json"), Does.Exist, d.Path);
                Assert.That(Path.GetFileNameWithoutExtension(d.Project), Is.EqualTo(d.Entrypoint), $"{d.Path}: ENTRYPOINT runs the published project");
            }
        });
    }

    [Test]
    public void Should_build_the_gateway_image_without_the_pipeline()
    {
        Assert.That(_publish.ExitCode, Is.EqualTo(0), _publish.ToString());
        var files = Directory.GetFiles(Path.Combine(_out, "gateway")).Select(Path.GetFileName).ToList();

        Assert.That(files, Does.Contain("AiProd.Gateway.dll"));
        Assert.That(files, Has.None.Matches<string>(f => f is "AiProd.Embedded.dll" or "AiProd.Media.dll" or "AiProd.Providers.dll" or "FFMpegCore.dll"
            || (f.StartsWith("AiProd.Workers.", StringComparison.Ordinal) && f != "AiProd.Workers.Common.dll" && f.EndsWith(".dll", StringComparison.Ordinal))));
    }

    [Test]
    public void Should_install_ffmpeg_in_exactly_the_images_whose_code_runs_it()
    {
        Assert.That(_publish.ExitCode, Is.EqualTo(0), _publish.ToString());
        Assert.Multiple(() =>
        {
            foreach (var d in Dockerfile.All)
                Assert.That(d.InstallsFfmpeg, Is.EqualTo(File.Exists(Path.Combine(_out, d.Image, "AiProd.Media.dll"))),
                    $"{d.Image}: ffmpeg installed = the media tools shipped");
        });
    }

    [Test]
    public void Should_leave_the_embedded_gateway_build_alone()
    {
        Assert.That(File.GetLastWriteTimeUtc(EmbeddedGateway), Is.EqualTo(_embeddedGatewayBuilt), "the other tests run the embedded gateway from there");
        Assert.That(Path.Combine(Path.GetDirectoryName(EmbeddedGateway)!, "AiProd.Embedded.dll"), Does.Exist);
    }

    [Test]
    public async Task Should_deploy_the_images_the_Dockerfiles_build()
    {
        var bundle = await Overlay.BundleAsync(Overlay.Local);
        Assert.Multiple(() =>
        {
            foreach (var role in Roles.All)
                Assert.That((string?)DeploymentEnvironment.Container(bundle.Get("Deployment", role))["image"], Is.EqualTo($"aiprod/{Dockerfile.Of(role).Image}:dev"));
        });
    }
}
