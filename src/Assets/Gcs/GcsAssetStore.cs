using System.Net;
using Google;
using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace AiProd.Assets;

/// <summary>
/// The distributed mode's store: objects <c>{Prefix}{videoId:N}/{name}</c> in <see cref="AssetOptions.Bucket"/>,
/// <c>gs://</c> URIs, content type and <c>video-id</c>/<c>asset-name</c>/<c>sha256</c> metadata on every object,
/// uploads checked against the MD5 the server reports, create-only writes with <c>ifGenerationMatch=0</c>, reads
/// through this machine's bounded cache (<see cref="GcsReadCache"/>), and V4 signed read URLs. Workers never assume
/// a shared disk: every read goes to the bucket or to a verified local copy of the same generation.
/// </summary>
public sealed class GcsAssetStore : IAssetStore, IDisposable
{
    private const long MiB = 1024 * 1024;

    /// <summary>The emulator takes request bodies up to 130 MiB and keeps only one chunk: whole objects up to this size.</summary>
    private const long EmulatorUploadLimit = 128 * MiB;

    private readonly StorageClient _client;
    private readonly AssetOptions _options;
    private readonly Uri? _emulator;
    private readonly GcsReadCache _cache;
    private readonly string _workRoot;
    private readonly ILogger<GcsAssetStore> _logger;
    private readonly GcsUrlSigner _signer;
    private readonly WorkFolders _work;

    public GcsAssetStore(IOptions<AssetOptions> options, ILogger<GcsAssetStore> logger, TimeProvider timeProvider)
    {
        _options = options.Value;
        if (string.IsNullOrWhiteSpace(_options.Bucket))
            throw new InvalidOperationException($"{AssetOptions.Section}:Bucket is required when {AssetOptions.Section}:Store is Gcs.");
        _emulator = GcsClients.EmulatorBaseUri(_options.EmulatorHost);
        _client = GcsClients.Create(_emulator);
        _logger = logger;
        _cache = new GcsReadCache(_options.CacheRoot, _options.CacheSizeLimitMiB * MiB, timeProvider, logger);
        _workRoot = Path.Combine(Path.GetFullPath(_options.CacheRoot), "work");
        _signer = new GcsUrlSigner(_client, _emulator, _options.SigningCredentialFile, logger);
        _work = new WorkFolders(
            videoId => Path.Combine(_workRoot, videoId.ToString("N")),
            () => Directory.Exists(_workRoot) ? Directory.EnumerateDirectories(_workRoot) : [],
            timeProvider);
    }

    /// <summary>On the emulator, send every upload as one chunk (it keeps only the first). Tests turn it off to show the check that catches that.</summary>
    internal bool OneChunkOnEmulator { get; init; } = true;

    private string Bucket => _options.Bucket!;

    public string NewWorkFile(Guid videoId, string extension)
    {
        var dir = Path.Combine(_workRoot, videoId.ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $"{Guid.NewGuid():N}.{AssetNames.Extension(extension)}");
    }

    public Task DeleteWorkFilesAsync(Guid videoId, CancellationToken cancellationToken)
    {
        _work.DeleteVideo(videoId);
        return Task.CompletedTask;
    }

    public Task<WorkArea> OpenWorkAreaAsync(Guid videoId, string step, CancellationToken cancellationToken) =>
        Task.FromResult(_work.Open(videoId, step));

    public Task<int> DeleteStaleWorkAsync(TimeSpan olderThan, CancellationToken cancellationToken) =>
        Task.FromResult(_work.DeleteStale(olderThan));

    public Task<string> PutFileAsync(Guid videoId, string name, string localFile, CancellationToken cancellationToken) =>
        PutFileAsync(videoId, name, localFile, AssetPutOptions.Default, cancellationToken);

    public Task<string> PutBytesAsync(Guid videoId, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        PutBytesAsync(videoId, name, content, AssetPutOptions.Default, cancellationToken);

    public async Task<string> PutFileAsync(Guid videoId, string name, string localFile, AssetPutOptions options, CancellationToken cancellationToken)
    {
        var target = ObjectOf(videoId, name);
        var hash = await ContentHash.OfFileAsync(localFile, cancellationToken);
        StorageObject stored;
        await using (var content = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            stored = await UploadAsync(videoId, name, target, content, hash, options, cancellationToken);

        // The bytes are the object's (checked above): keep them as this machine's cached copy instead of downloading them again.
        _cache.Admit(localFile, target, stored.Generation!.Value);
        return target.ToString();
    }

    public async Task<string> PutBytesAsync(Guid videoId, string name, ReadOnlyMemory<byte> content, AssetPutOptions options, CancellationToken cancellationToken)
    {
        var target = ObjectOf(videoId, name);
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        await UploadAsync(videoId, name, target, stream, ContentHash.Of(content.Span), options, cancellationToken);
        return target.ToString();
    }

    public async Task<string?> FindAsync(Guid videoId, string name, CancellationToken cancellationToken)
    {
        var target = ObjectOf(videoId, name);
        return await MetadataAsync(target, cancellationToken) is null ? null : target.ToString();
    }

    public async Task<string> GetLocalFileAsync(string assetUri, CancellationToken cancellationToken)
    {
        var target = Own(assetUri);
        var problem = string.Empty;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var stored = await MetadataAsync(target, cancellationToken) ?? throw new AssetNotFoundException(target.ToString());
            if (await _cache.TryHitAsync(target, stored, cancellationToken) is { } cached)
                return cached;
            (var downloaded, problem) = await DownloadAsync(target, stored, cancellationToken);
            if (downloaded is not null)
                return downloaded;
            if (attempt == 1)
                _logger.LogWarning("Reading {AssetUri} again: {Problem}", target.ToString(), problem);
        }

        throw new AssetIntegrityException(target.ToString(), $"{problem} (read twice; the stored object itself may be damaged).");
    }

    public async Task<Stream> OpenReadAsync(string assetUri, CancellationToken cancellationToken) =>
        new FileStream(await GetLocalFileAsync(assetUri, cancellationToken), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);

    public Task<Uri?> GetSignedReadUrlAsync(string assetUri, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (validFor <= TimeSpan.Zero || validFor > TimeSpan.FromDays(7))
            throw new ArgumentOutOfRangeException(nameof(validFor), validFor, "A V4 signed URL lasts more than zero and at most 7 days.");
        return _signer.SignReadAsync(Own(assetUri), validFor, cancellationToken);
    }

    public string? HttpsUrl(string assetUri) => GcsObject.TryParse(assetUri, out var target) ? target.HttpsUrl() : null;

    public void Dispose() => _client.Dispose();

    private async Task<StorageObject> UploadAsync(
        Guid videoId, string name, GcsObject target, Stream content, ContentHash hash, AssetPutOptions options, CancellationToken cancellationToken)
    {
        var createOnly = options.Write == AssetWrite.CreateOnly;
        var resource = new StorageObject
        {
            Bucket = target.Bucket,
            Name = target.Name,
            ContentType = options.ContentType ?? AssetNames.ContentTypeOf(name),
            Metadata = AssetNames.Metadata(videoId, name, hash.Sha256Hex, options.Metadata),
        };
        var upload = new UploadObjectOptions
        {
            ChunkSize = ChunkSize(target, hash.Length),
            IfGenerationMatch = createOnly ? 0 : null,
            // Real Cloud Storage then refuses a damaged upload before the object exists; the check below covers the rest.
            UploadValidationMode = UploadValidationMode.RejectAndThrow,
        };
        StorageObject stored;
        try
        {
            stored = await _client.UploadObjectAsync(resource, content, upload, cancellationToken);
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.PreconditionFailed && createOnly)
        {
            // Already there: a retry of the same write is a success, anything else is a conflict.
            var existing = await MetadataAsync(target, cancellationToken);
            if (existing is not null && GcsIntegrity.Matches(hash, existing))
                return existing;
            throw new AssetConflictException(target.ToString());
        }

        if (!GcsIntegrity.Matches(hash, stored))
        {
            var problem = GcsIntegrity.Describe("sent", hash, stored);
            await DeleteExactlyAsync(target, stored.Generation);
            throw new AssetIntegrityException(target.ToString(), $"Cloud Storage did not keep what was sent: {problem}; that generation was deleted.");
        }

        _logger.LogDebug("Stored {AssetUri} ({Bytes} bytes, generation {Generation})", target.ToString(), hash.Length, stored.Generation);
        return stored;
    }

    private int ChunkSize(GcsObject target, long length)
    {
        if (_emulator is null || !OneChunkOnEmulator)
            return (int)(_options.UploadChunkSizeMiB * MiB);
        if (length > EmulatorUploadLimit)
            throw new NotSupportedException(
                $"{target} is {length} bytes: the Storage emulator keeps only the first chunk of an upload, so it takes objects of at most 128 MiB.");
        return (int)Math.Max(UploadObjectOptions.MinimumChunkSize, (length + UploadObjectOptions.MinimumChunkSize - 1) / UploadObjectOptions.MinimumChunkSize * UploadObjectOptions.MinimumChunkSize);
    }

    /// <summary>Downloads exactly this generation into the cache; no path, and why, when the bytes are not that generation's.</summary>
    private async Task<(string? Path, string Problem)> DownloadAsync(GcsObject target, StorageObject stored, CancellationToken cancellationToken)
    {
        var part = _cache.NewDownloadFile();
        try
        {
            // The store checks size, MD5 and SHA-256 itself (stricter than the client's CRC32C check, and one place
            // that decides what a bad download is).
            var options = new DownloadObjectOptions { Generation = stored.Generation, DownloadValidationMode = DownloadValidationMode.Never };
            await using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await _client.DownloadObjectAsync(target.Bucket, target.Name, file, options, cancellationToken);
            var hash = await ContentHash.OfFileAsync(part, cancellationToken);
            return GcsIntegrity.Matches(hash, stored)
                ? (_cache.Admit(part, target, stored.Generation!.Value), string.Empty)
                : (null, GcsIntegrity.Describe("read", hash, stored));
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return (null, $"generation {stored.Generation} was replaced or deleted while it was read");
        }
        finally
        {
            File.Delete(part);
        }
    }

    private async Task DeleteExactlyAsync(GcsObject target, long? generation)
    {
        try
        {
            await _client.DeleteObjectAsync(target.Bucket, target.Name, new DeleteObjectOptions { IfGenerationMatch = generation }, CancellationToken.None);
        }
        catch (GoogleApiException e)
        {
            _logger.LogWarning(e, "Could not delete generation {Generation} of {AssetUri}", generation, target.ToString());
        }
    }

    private async Task<StorageObject?> MetadataAsync(GcsObject target, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetObjectAsync(target.Bucket, target.Name, cancellationToken: cancellationToken);
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private GcsObject ObjectOf(Guid videoId, string name)
    {
        AssetNames.Validate(name);
        return new GcsObject(Bucket, $"{_options.Prefix}{videoId:N}/{name}");
    }

    /// <summary>The object of a URI this store wrote: this bucket, under the prefix, a video id and a valid name.</summary>
    private GcsObject Own(string assetUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(assetUri);
        if (!GcsObject.TryParse(assetUri, out var target))
            throw new ArgumentException("The Cloud Storage asset store reads gs://{bucket}/{object} URIs only.", nameof(assetUri));
        if (target.Bucket != Bucket)
            throw new ArgumentException($"Asset URI {Cut(assetUri)} is in another bucket than {AssetOptions.Section}:Bucket '{Bucket}'.", nameof(assetUri));
        var rest = target.Name.StartsWith(_options.Prefix, StringComparison.Ordinal) ? target.Name[_options.Prefix.Length..] : string.Empty;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash != 32 || !Guid.TryParseExact(rest[..32], "N", out var videoId) || rest[..32] != videoId.ToString("N") || !AssetNames.IsValid(rest[33..]))
            throw new ArgumentException(
                $"Asset URI {Cut(assetUri)} is not of the form gs://{Bucket}/{_options.Prefix}{{videoId:N}}/{{name}}.", nameof(assetUri));
        return target;
    }

    private static string Cut(string value) => value.Length <= 200 ? value : value[..200] + "…";
}
