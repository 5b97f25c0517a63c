using Microsoft.Extensions.Options;

namespace AiProd.Assets;

/// <summary>
/// The embedded mode's store: one folder per video under <see cref="AssetOptions.Root"/>, portable
/// <c>local:{videoId:N}/{name}</c> URIs resolved against the root (so a moved data folder keeps working), and legacy
/// <c>file://</c> URIs read when they lie under the root. Writes are atomic: the bytes go to a hidden staging file in
/// the target's folder, then a rename puts them in place, so a reader never sees half a file. Scratch files live in
/// <c>{videoId:N}/.work/</c> (work areas of step runs in <c>.work/{step}/{run}/</c>, see <see cref="WorkArea"/>), on the
/// same file system as the assets, so putting a scratch file is a rename. Content type and custom metadata are not kept (only Cloud Storage keeps them).
/// </summary>
public sealed class LocalAssetStore : IAssetStore
{
    private const string WorkFolderName = ".work";
    private readonly string _root;
    private readonly WorkFolders _work;

    public LocalAssetStore(IOptions<AssetOptions> options, TimeProvider? time = null)
    {
        _root = Path.GetFullPath(options.Value.Root);
        Directory.CreateDirectory(_root);
        _work = new WorkFolders(WorkFolder, () => Directory.EnumerateDirectories(_root).Select(v => Path.Combine(v, WorkFolderName)).Where(Directory.Exists), time ?? TimeProvider.System);
    }

    public string NewWorkFile(Guid videoId, string extension)
    {
        var dir = WorkFolder(videoId);
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
        var (target, uri) = Target(videoId, name);
        var staging = StagingFor(target);
        // A rename when both are on one file system (work files are); otherwise a copy, but to the staging name only.
        File.Move(localFile, staging);
        try
        {
            await CommitAsync(staging, target, uri, options.Write, cancellationToken);
        }
        catch
        {
            if (File.Exists(staging))
                File.Move(staging, localFile, overwrite: false);
            throw;
        }

        return uri;
    }

    public async Task<string> PutBytesAsync(Guid videoId, string name, ReadOnlyMemory<byte> content, AssetPutOptions options, CancellationToken cancellationToken)
    {
        var (target, uri) = Target(videoId, name);
        var staging = StagingFor(target);
        try
        {
            await using (var stream = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            await CommitAsync(staging, target, uri, options.Write, cancellationToken);
        }
        finally
        {
            File.Delete(staging);
        }

        return uri;
    }

    public Task<string?> FindAsync(Guid videoId, string name, CancellationToken cancellationToken)
    {
        var (target, uri) = Target(videoId, name);
        return Task.FromResult(File.Exists(target) ? uri : null);
    }

    public Task<string> GetLocalFileAsync(string assetUri, CancellationToken cancellationToken)
    {
        var (path, shown) = Resolve(assetUri);
        return File.Exists(path) ? Task.FromResult(path) : throw new AssetNotFoundException(shown);
    }

    public Task<Stream> OpenReadAsync(string assetUri, CancellationToken cancellationToken)
    {
        var (path, shown) = Resolve(assetUri);
        try
        {
            return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AssetNotFoundException(shown);
        }
    }

    /// <summary>Always null: a local file has no URL that another machine could use.</summary>
    public Task<Uri?> GetSignedReadUrlAsync(string assetUri, TimeSpan validFor, CancellationToken cancellationToken) => Task.FromResult<Uri?>(null);

    /// <summary>Always null: local assets have no https link.</summary>
    public string? HttpsUrl(string assetUri) => null;

    private string WorkFolder(Guid videoId) => Path.Combine(_root, videoId.ToString("N"), WorkFolderName);

    private (string Path, string Uri) Target(Guid videoId, string name)
    {
        AssetNames.Validate(name);
        return (Path.Combine(_root, videoId.ToString("N"), name), LocalAssetUri.Format(videoId, name));
    }

    private static string StagingFor(string target)
    {
        var dir = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(dir);
        // Dot-prefixed: no asset name can start with a dot, so a staging file is never mistaken for an asset.
        return Path.Combine(dir, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
    }

    private static async Task CommitAsync(string staging, string target, string uri, AssetWrite write, CancellationToken cancellationToken)
    {
        if (write == AssetWrite.Replace)
        {
            File.Move(staging, target, overwrite: true);
            return;
        }

        try
        {
            // Without overwrite .NET links the new name first, which fails when the name exists: create-only is atomic.
            File.Move(staging, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            if (await ContentHash.OfFileAsync(staging, cancellationToken) != await ContentHash.OfFileAsync(target, cancellationToken))
                throw new AssetConflictException(uri);
            File.Delete(staging);
        }
    }

    private (string Path, string Shown) Resolve(string assetUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(assetUri);
        if (LocalAssetUri.TryParse(assetUri, out var videoId, out var name))
            return (Path.Combine(_root, videoId.ToString("N"), name), LocalAssetUri.Format(videoId, name));

        if (Uri.TryCreate(assetUri, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            var path = Path.GetFullPath(uri.LocalPath);
            if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw Refused("it is a file:// URI outside Assets:Root");
            var relative = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            var slash = relative.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 && Guid.TryParseExact(relative[..slash], "N", out var id) && AssetNames.IsValid(relative[(slash + 1)..])
                ? (path, LocalAssetUri.Format(id, relative[(slash + 1)..]))
                : (path, "(a legacy file:// URI under Assets:Root)");
        }

        if (assetUri.StartsWith(LocalAssetUri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
            throw Refused("it is not of the form local:{videoId:N}/{name} with a valid name (no '..', no absolute path)");
        var scheme = uri?.Scheme ?? "none";
        throw Refused($"its scheme is '{(scheme.Length <= 20 ? scheme : scheme[..20])}'; the local store reads local: URIs and legacy file:// URIs under Assets:Root");
    }

    // The URI itself is never echoed: a refused one may hold a server path.
    private static ArgumentException Refused(string why) =>
        new($"The local asset store refused an asset URI: {why}.", "assetUri");
}
