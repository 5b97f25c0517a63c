using AiProd.Assets;

namespace AiProd.Testing;

/// <summary>Thrown where a test "kills" a step: nothing after that point of the step runs.</summary>
public sealed class SimulatedCrash(string message) : Exception(message);

/// <summary>
/// A real <see cref="IAssetStore"/> that crashes a step once at a chosen write: the first put whose name matches throws
/// <see cref="SimulatedCrash"/>, either before the bytes reach the store or right after they are stored. The store's
/// state is then exactly what a worker killed at that point leaves, and a redelivered command meets it.
/// </summary>
public sealed class CrashingAssetStore(IAssetStore inner) : IAssetStore
{
    private readonly Lock _gate = new();
    private (Func<string, bool> Matches, bool AfterStoring)? _armed;

    /// <summary>Called after each put that stored its bytes (video, name), e.g. to damage what was stored.</summary>
    public Action<Guid, string>? AfterPut { get; set; }

    /// <summary>Names put so far, in order (crashed ones included).</summary>
    public List<string> Puts { get; } = [];

    /// <summary>The next put of a name matching <paramref name="name"/> crashes; <paramref name="afterStoring"/>: once its bytes are stored.</summary>
    public void CrashAt(Func<string, bool> name, bool afterStoring = false)
    {
        lock (_gate)
            _armed = (name, afterStoring);
    }

    public string NewWorkFile(Guid videoId, string extension) => inner.NewWorkFile(videoId, extension);

    public Task DeleteWorkFilesAsync(Guid videoId, CancellationToken cancellationToken) => inner.DeleteWorkFilesAsync(videoId, cancellationToken);

    public Task<WorkArea> OpenWorkAreaAsync(Guid videoId, string step, CancellationToken cancellationToken) => inner.OpenWorkAreaAsync(videoId, step, cancellationToken);

    public Task<int> DeleteStaleWorkAsync(TimeSpan olderThan, CancellationToken cancellationToken) => inner.DeleteStaleWorkAsync(olderThan, cancellationToken);

    public Task<string> PutFileAsync(Guid videoId, string name, string localFile, CancellationToken cancellationToken) =>
        PutFileAsync(videoId, name, localFile, AssetPutOptions.Default, cancellationToken);

    public Task<string> PutFileAsync(Guid videoId, string name, string localFile, AssetPutOptions options, CancellationToken cancellationToken) =>
        PutAsync(videoId, name, () => inner.PutFileAsync(videoId, name, localFile, options, cancellationToken));

    public Task<string> PutBytesAsync(Guid videoId, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        PutBytesAsync(videoId, name, content, AssetPutOptions.Default, cancellationToken);

    public Task<string> PutBytesAsync(Guid videoId, string name, ReadOnlyMemory<byte> content, AssetPutOptions options, CancellationToken cancellationToken) =>
        PutAsync(videoId, name, () => inner.PutBytesAsync(videoId, name, content, options, cancellationToken));

    public Task<string?> FindAsync(Guid videoId, string name, CancellationToken cancellationToken) => inner.FindAsync(videoId, name, cancellationToken);

    public Task<string> GetLocalFileAsync(string assetUri, CancellationToken cancellationToken) => inner.GetLocalFileAsync(assetUri, cancellationToken);

    public Task<Stream> OpenReadAsync(string assetUri, CancellationToken cancellationToken) => inner.OpenReadAsync(assetUri, cancellationToken);

    public Task<Uri?> GetSignedReadUrlAsync(string assetUri, TimeSpan validFor, CancellationToken cancellationToken) =>
        inner.GetSignedReadUrlAsync(assetUri, validFor, cancellationToken);

    public string? HttpsUrl(string assetUri) => inner.HttpsUrl(assetUri);

    private async Task<string> PutAsync(Guid videoId, string name, Func<Task<string>> put)
    {
        bool crash, after;
        lock (_gate)
        {
            Puts.Add(name);
            crash = _armed is { } armed && armed.Matches(name);
            after = crash && _armed!.Value.AfterStoring;
            if (crash)
                _armed = null;
        }

        if (crash && !after)
            throw new SimulatedCrash($"killed before {name} was stored");
        var uri = await put();
        AfterPut?.Invoke(videoId, name);
        if (crash)
            throw new SimulatedCrash($"killed right after {name} was stored");
        return uri;
    }
}
