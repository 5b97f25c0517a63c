namespace AiProd.Assets;

/// <summary>
/// Where clips, composed videos, step records and manifests live. Only asset URIs travel on the bus; a worker asks
/// the store for a local file when it needs the bytes. Two stores, picked by <c>Assets:Store</c>:
/// <see cref="LocalAssetStore"/> (<c>local:{videoId:N}/{name}</c>) and <see cref="GcsAssetStore"/>
/// (<c>gs://{bucket}/{prefix}{videoId:N}/{name}</c>).
/// </summary>
/// <remarks>
/// A <c>name</c> is a relative path of segments made of letters, digits, <c>.</c>, <c>-</c> and <c>_</c> (a segment
/// never starts with a dot), e.g. <c>shots/s01-a1.mp4</c>, <c>steps/render-s01-a1.json</c>, <c>v1/video.mp4</c>.
/// A URI from another store, another bucket or outside the store is refused with an <see cref="ArgumentException"/>.
/// </remarks>
public interface IAssetStore
{
    /// <summary>
    /// A scratch path for a new file of this video on this machine; nothing is stored until <see cref="PutFileAsync(Guid, string, string, AssetPutOptions, CancellationToken)"/>.
    /// Scratch files left over are removed by <see cref="DeleteWorkFilesAsync"/>. The extension (with or without its
    /// dot) is letters and digits only.
    /// </summary>
    string NewWorkFile(Guid videoId, string extension);

    /// <summary>
    /// Deletes this machine's scratch files of the video: those from <see cref="NewWorkFile"/> not moved into the store and
    /// the work areas of step runs that are no longer running (a live run's area is left alone).
    /// </summary>
    Task DeleteWorkFilesAsync(Guid videoId, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a scratch area on this machine for one run of a step of the video (<paramref name="step"/>: one name
    /// segment, e.g. <c>render-s01-a1</c>), first deleting what earlier runs of the same step left behind when they are
    /// no longer running (a killed worker's files). Dispose it when the step ends, well or not: its files go with it.
    /// </summary>
    Task<WorkArea> OpenWorkAreaAsync(Guid videoId, string step, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the scratch files of every video on this machine that no running step holds and that were last written
    /// more than <paramref name="olderThan"/> ago (a worker's start-up sweep); returns how many files and run folders went.
    /// </summary>
    Task<int> DeleteStaleWorkAsync(TimeSpan olderThan, CancellationToken cancellationToken);

    /// <summary>Moves <paramref name="localFile"/> into the store under <paramref name="name"/>, replacing any previous one, and returns its URI.</summary>
    Task<string> PutFileAsync(Guid videoId, string name, string localFile, CancellationToken cancellationToken);

    /// <summary>
    /// Moves <paramref name="localFile"/> into the store under <paramref name="name"/> and returns its URI. The local
    /// file is gone once this returns; if it throws, the file is left where it was (best effort for the local store).
    /// </summary>
    /// <exception cref="AssetConflictException">With <see cref="AssetWrite.CreateOnly"/>, when other content is already stored under the name.</exception>
    /// <exception cref="AssetIntegrityException">When the store kept other bytes than were sent.</exception>
    Task<string> PutFileAsync(Guid videoId, string name, string localFile, AssetPutOptions options, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/>, replacing any previous one, and returns its URI.</summary>
    Task<string> PutBytesAsync(Guid videoId, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/> and returns its URI.</summary>
    /// <exception cref="AssetConflictException">With <see cref="AssetWrite.CreateOnly"/>, when other content is already stored under the name.</exception>
    /// <exception cref="AssetIntegrityException">When the store kept other bytes than were sent.</exception>
    Task<string> PutBytesAsync(Guid videoId, string name, ReadOnlyMemory<byte> content, AssetPutOptions options, CancellationToken cancellationToken);

    /// <summary>The URI of <paramref name="name"/> when it is already stored, otherwise null (lets workers skip work done before).</summary>
    Task<string?> FindAsync(Guid videoId, string name, CancellationToken cancellationToken);

    /// <summary>
    /// A local file with the asset's bytes: the stored file itself for the local store; for Cloud Storage a verified
    /// copy in this machine's bounded read cache (open it soon: a later read may evict it once the cache is full).
    /// </summary>
    /// <exception cref="AssetNotFoundException">When nothing is stored at the URI.</exception>
    /// <exception cref="AssetIntegrityException">When the bytes read do not match the stored checksums.</exception>
    Task<string> GetLocalFileAsync(string assetUri, CancellationToken cancellationToken);

    /// <summary>Opens the asset for reading (a seekable stream).</summary>
    /// <exception cref="AssetNotFoundException">When nothing is stored at the URI.</exception>
    Task<Stream> OpenReadAsync(string assetUri, CancellationToken cancellationToken);

    /// <summary>
    /// A V4 signed URL that lets anyone holding it GET the asset for <paramref name="validFor"/> (at most 7 days;
    /// <see cref="AssetOptions.SignedUrlLifetime"/> is the configured default), or null when this store cannot sign
    /// (the local store; Cloud Storage without a credential that can sign).
    /// </summary>
    Task<Uri?> GetSignedReadUrlAsync(string assetUri, TimeSpan validFor, CancellationToken cancellationToken);

    /// <summary>The https link of a <c>gs://</c> object (<c>https://storage.googleapis.com/{bucket}/{object}</c>, readable with Google credentials); null for any other URI.</summary>
    string? HttpsUrl(string assetUri);
}
