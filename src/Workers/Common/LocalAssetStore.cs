using Microsoft.Extensions.Options;

namespace AiProd.Workers.Common;

/// <summary>
/// The embedded mode's asset store: one folder per video under <see cref="AssetOptions.Root"/>, file:// URIs.
/// Writes are atomic (write elsewhere, then move), so a reader never sees half a file.
/// </summary>
public sealed class LocalAssetStore : IAssetStore
{
    private readonly string _root;

    public LocalAssetStore(IOptions<AssetOptions> options)
    {
        _root = Path.GetFullPath(options.Value.Root);
        Directory.CreateDirectory(_root);
    }

    public string NewWorkFile(Guid videoId, string extension)
    {
        var dir = Path.Combine(_root, videoId.ToString("N"), "work");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $"{Guid.NewGuid():N}.{extension.TrimStart('.')}");
    }

    public Task<string> PutFileAsync(Guid videoId, string name, string localFile, CancellationToken cancellationToken)
    {
        var target = PathOf(videoId, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(localFile, target, overwrite: true);
        return Task.FromResult(new Uri(target).AbsoluteUri);
    }

    public async Task<string> PutBytesAsync(Guid videoId, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var work = NewWorkFile(videoId, Path.GetExtension(name));
        await File.WriteAllBytesAsync(work, content.ToArray(), cancellationToken);
        return await PutFileAsync(videoId, name, work, cancellationToken);
    }

    public Task<string?> FindAsync(Guid videoId, string name, CancellationToken cancellationToken)
    {
        var path = PathOf(videoId, name);
        return Task.FromResult(File.Exists(path) ? new Uri(path).AbsoluteUri : null);
    }

    public Task<string> GetLocalFileAsync(string assetUri, CancellationToken cancellationToken)
    {
        var path = ToPath(assetUri);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Asset {assetUri} does not exist.", path);
        return Task.FromResult(path);
    }

    public Task<Stream> OpenReadAsync(string assetUri, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(ToPath(assetUri), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));

    private string PathOf(Guid videoId, string name)
    {
        var path = Path.GetFullPath(Path.Combine(_root, videoId.ToString("N"), name));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Asset name '{name}' escapes the store.", nameof(name));
        return path;
    }

    private string ToPath(string assetUri)
    {
        var uri = new Uri(assetUri);
        if (!uri.IsFile)
            throw new ArgumentException($"The local asset store reads file:// URIs only, not '{assetUri}'.", nameof(assetUri));
        var path = Path.GetFullPath(uri.LocalPath);
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Asset '{assetUri}' is outside the store.", nameof(assetUri));
        return path;
    }
}
