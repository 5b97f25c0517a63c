using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiProd.Assets.Tests;

public sealed class When_asset_options_are_checked
{
    private string _root = string.Empty;

    [SetUp]
    public void MakeRoot() => _root = Path.Combine(Path.GetTempPath(), "aiprod-assets-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveRoot()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Should_default_to_a_local_store()
    {
        using var services = Services(new() { ["Assets:Root"] = _root });

        Assert.That(services.GetRequiredService<IAssetStore>(), Is.InstanceOf<LocalAssetStore>());
        var options = services.GetRequiredService<IOptions<AssetOptions>>().Value;
        Assert.That(options.Prefix, Is.EqualTo("videos/"));
        Assert.That(options.SignedUrlLifetime, Is.EqualTo(TimeSpan.FromMinutes(15)));
    }

    [Test]
    public void Should_pick_cloud_storage_from_configuration()
    {
        using var services = Services(new()
        {
            ["Assets:Store"] = "Gcs",
            ["Assets:Bucket"] = "aiprod-videos",
            ["Assets:EmulatorHost"] = "127.0.0.1:9",
            ["Assets:CacheRoot"] = _root,
        });

        Assert.That(services.GetRequiredService<IAssetStore>(), Is.InstanceOf<GcsAssetStore>(), "built without reaching the service");
    }

    [Test]
    public void Should_stop_start_up_naming_the_setting_to_fix()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Assets:Store"] = "Gcs" });
        builder.Services.AddAiProdAssets(builder.Configuration);
        using var host = builder.Build();

        var failed = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(failed!.Message, Does.Contain("Assets:Bucket is required when Assets:Store is Gcs"));
    }

    [TestCase("Bucket", "Not_A_Bucket", "Assets:Bucket")]
    [TestCase("Prefix", "videos", "Assets:Prefix")]
    [TestCase("Prefix", "/videos/", "Assets:Prefix")]
    [TestCase("Prefix", "../videos/", "Assets:Prefix")]
    [TestCase("EmulatorHost", "http://127.0.0.1:9199/some/path", "Assets:EmulatorHost")]
    [TestCase("CacheSizeLimitMiB", "0", "Assets:CacheSizeLimitMiB")]
    [TestCase("UploadChunkSizeMiB", "0", "Assets:UploadChunkSizeMiB")]
    [TestCase("SignedUrlLifetime", "8.00:00:00", "Assets:SignedUrlLifetime")]
    [TestCase("SigningCredentialFile", "/nonexistent/key.json", "Assets:SigningCredentialFile")]
    public void Should_name_each_bad_cloud_setting(string setting, string value, string named)
    {
        using var services = Services(new()
        {
            ["Assets:Store"] = "Gcs",
            ["Assets:Bucket"] = "aiprod-videos",
            ["Assets:CacheRoot"] = _root,
            [$"Assets:{setting}"] = value,
        });

        var failed = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<AssetOptions>>().Value);

        Assert.That(failed!.Failures, Has.Some.StartsWith(named));
    }

    [TestCase("127.0.0.1:9199", "http://127.0.0.1:9199/")]
    [TestCase("http://localhost:9199", "http://localhost:9199/")]
    [TestCase("http://[::1]:9199/", "http://[::1]:9199/")]
    public void Should_read_the_emulator_host_as_its_clients_write_it(string given, string root)
    {
        var options = new AssetOptions { Store = AssetStoreKind.Gcs, Bucket = "aiprod-videos", EmulatorHost = given };

        Assert.That(AssetOptionsValidator.Problems(options), Is.Empty);
        Assert.That(GcsClients.EmulatorBaseUri(given)?.AbsoluteUri, Is.EqualTo(root));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddAiProdAssets(configuration).BuildServiceProvider();
    }
}
