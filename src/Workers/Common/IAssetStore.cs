namespace AiProd.Workers.Common;

/// <summary>
/// Where clips, composed videos and manifests live. Only URIs travel on the bus; a worker asks the store
/// for a local file when it needs the bytes.
/// </summary>
public interface IAssetStore
{
    /// <summary>A scratch path for a new file of this video; nothing is stored until <see cref="PutFileAsync"/>.</summary>
    string NewWorkFile(Guid videoId, string extension);

    /// <summary>Moves <paramref name="localFile"/> into the store under <paramref name="name"/>, replacing any previous one, and returns its URI.</summary>
    Task<string> PutFileAsync(Guid videoId, string name, string localFile, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/> and returns its URI.</summary>
    Task<string> PutBytesAsync(Guid videoId, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The URI of <paramref name="name"/> when it is already stored, otherwise null (lets workers skip work done before).</summary>
    Task<string?> FindAsync(Guid videoId, string name, CancellationToken cancellationToken);

    /// <summary>A local file with the asset's bytes (the file itself for a local store; a downloaded copy otherwise).</summary>
    Task<string> GetLocalFileAsync(string assetUri, CancellationToken cancellationToken);

    /// <summary>Opens the asset for reading.</summary>
    Task<Stream> OpenReadAsync(string assetUri, CancellationToken cancellationToken);
}
