namespace AiProd.Assets;

/// <summary>Where assets are kept (section <c>Assets</c>), checked at start-up by <see cref="AssetOptionsValidator"/>.</summary>
public sealed class AssetOptions
{
    public const string Section = "Assets";

    /// <summary><c>Local</c> (default: a folder, the embedded mode) or <c>Gcs</c> (a Cloud Storage bucket).</summary>
    public AssetStoreKind Store { get; set; } = AssetStoreKind.Local;

    /// <summary>Local store: the root folder; relative paths are resolved against the current directory. URIs do not contain it, so it may move.</summary>
    public string Root { get; set; } = "data/assets";

    /// <summary>Cloud Storage: the bucket (it must exist; the store never creates buckets).</summary>
    public string? Bucket { get; set; }

    /// <summary>Cloud Storage: prefix of every object name, empty or ending in <c>/</c>; objects are <c>{Prefix}{videoId:N}/{name}</c>.</summary>
    public string Prefix { get; set; } = "videos/";

    /// <summary>
    /// Cloud Storage: the emulator to use instead of Google (<c>http://127.0.0.1:9199</c> or <c>127.0.0.1:9199</c>), with no
    /// credentials. Defaults to the <c>STORAGE_EMULATOR_HOST</c> environment variable; empty means real Cloud Storage.
    /// </summary>
    public string? EmulatorHost { get; set; } = Environment.GetEnvironmentVariable("STORAGE_EMULATOR_HOST");

    /// <summary>
    /// Cloud Storage: this machine's folder for the read cache (<c>objects/</c>, bounded by <see cref="CacheSizeLimitMiB"/>)
    /// and for scratch work files (<c>work/</c>). Never shared between machines.
    /// </summary>
    public string CacheRoot { get; set; } = Path.Combine(Path.GetTempPath(), "aiprod", "asset-cache");

    /// <summary>Cloud Storage: the read cache's size bound in MiB; least recently used objects are evicted past it.</summary>
    public int CacheSizeLimitMiB { get; set; } = 4096;

    /// <summary>Lifetime of the signed read URLs handed out by default (15 minutes; at most 7 days).</summary>
    public TimeSpan SignedUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Cloud Storage: resumable upload chunk size in MiB (16). A larger object goes up in several chunks; on the emulator
    /// every upload is sent as one chunk instead (it keeps only the first), which caps objects there at 128 MiB.
    /// </summary>
    public int UploadChunkSizeMiB { get; set; } = 16;

    /// <summary>
    /// Cloud Storage, optional: a service-account key file (JSON) used only to sign URLs. Unset: URLs are signed with the
    /// store's own credential (Application Default Credentials; on Workload Identity through IAM signBlob).
    /// </summary>
    public string? SigningCredentialFile { get; set; }
}
