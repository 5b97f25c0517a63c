using System.Security.Cryptography;
using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiProd.Assets.Tests.Cloud;

/// <summary>
/// What every Cloud Storage test needs: a bucket of its own on the emulator, stores with caches of their own (as on
/// separate machines), a plain client to look at the bucket directly, and clean-up of all of it.
/// </summary>
public abstract class CloudStorageTest
{
    private readonly List<GcsAssetStore> _stores = [];

    protected string Bucket { get; private set; } = string.Empty;

    protected string Folder { get; private set; } = string.Empty;

    /// <summary>A client on the emulator that bypasses the store, to check what is really in the bucket.</summary>
    protected StorageClient Raw { get; private set; } = null!;

    [SetUp]
    public void CreateBucketAndFolder()
    {
        Bucket = $"aiprod-test-{Guid.NewGuid():N}"[..36];
        Folder = Path.Combine(Path.GetTempPath(), "aiprod-assets-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Raw = new StorageClientBuilder { BaseUri = new Uri(CloudStorageEmulator.Emulator.BaseUri, "storage/v1/").AbsoluteUri, UnauthenticatedAccess = true }.Build();
    }

    [TearDown]
    public async Task CleanUpAsync()
    {
        foreach (var store in _stores)
            store.Dispose();
        _stores.Clear();
        foreach (var stored in Raw.ListObjects(Bucket).ToList())
            await Raw.DeleteObjectAsync(Bucket, stored.Name);
        Raw.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A store as one machine would have it: this test's bucket, a cache folder named after the machine.</summary>
    protected GcsAssetStore Machine(string machine, Action<AssetOptions>? configure = null, bool oneChunkOnEmulator = true)
    {
        var options = new AssetOptions
        {
            Store = AssetStoreKind.Gcs,
            Bucket = Bucket,
            EmulatorHost = CloudStorageEmulator.Emulator.Host,
            CacheRoot = Path.Combine(Folder, machine),
        };
        configure?.Invoke(options);
        Assert.That(AssetOptionsValidator.Problems(options), Is.Empty);
        var store = new GcsAssetStore(Options.Create(options), NullLogger<GcsAssetStore>.Instance, TimeProvider.System) { OneChunkOnEmulator = oneChunkOnEmulator };
        _stores.Add(store);
        return store;
    }

    protected string CacheOf(string machine) => Path.Combine(Folder, machine, "objects");

    protected static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    protected static async Task<string> WriteWorkFileAsync(IAssetStore store, Guid videoId, byte[] content, string extension = "mp4")
    {
        var work = store.NewWorkFile(videoId, extension);
        await File.WriteAllBytesAsync(work, content);
        return work;
    }

    /// <summary>The object name in a gs:// URI of this test's bucket.</summary>
    protected string ObjectNameOf(string assetUri)
    {
        Assert.That(assetUri, Does.StartWith($"gs://{Bucket}/"));
        return assetUri[$"gs://{Bucket}/".Length..];
    }
}
