namespace AiProd.Assets;

/// <summary>
/// One run of one step's scratch folder on this machine (<see cref="IAssetStore.OpenWorkAreaAsync"/>): files made
/// here are the step's until they are put into the store. The run holds a lock on it while it lives, so a later run of
/// the same step, or the start-up sweep, can tell a folder whose run died (deleted) from one still in use (left alone).
/// Disposing deletes the folder: a step's scratch files never outlive it, whether it succeeded or failed.
/// </summary>
public sealed class WorkArea : IDisposable, IAsyncDisposable
{
    private readonly FileStream _lock;
    private readonly string _lockFile;
    private bool _disposed;

    internal WorkArea(string folder, string lockFile, FileStream held)
    {
        Folder = folder;
        _lockFile = lockFile;
        _lock = held;
    }

    /// <summary>The run's folder; it exists until the area is disposed.</summary>
    public string Folder { get; }

    /// <summary>A path for a new file in the area (nothing is created). The extension is letters and digits, with or without its dot.</summary>
    public string NewFile(string extension) => Path.Combine(Folder, $"{Guid.NewGuid():N}.{AssetNames.Extension(extension)}");

    /// <summary>A new empty sub-folder of the area, for a tool that writes several files.</summary>
    public string NewFolder(string name)
    {
        AssetNames.Validate(name, nameof(name));
        var folder = Path.Combine(Folder, $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        WorkFolders.TryDeleteFolder(Folder);
        _lock.Dispose();
        WorkFolders.TryDeleteFile(_lockFile);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
