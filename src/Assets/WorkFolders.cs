namespace AiProd.Assets;

/// <summary>
/// This machine's scratch files, as both stores keep them: per video a folder (<c>{videoWork}</c>), per step run
/// <c>{videoWork}/{step}/{run}/</c> with its lock <c>{videoWork}/{step}/{run}.lock</c> beside it, created first and held
/// (exclusively) while the run lives. A lock that can be taken is a dead run's: its folder is removed. Loose files made
/// by <see cref="IAssetStore.NewWorkFile"/> sit directly in <c>{videoWork}</c> and are removed by age.
/// </summary>
internal sealed class WorkFolders(Func<Guid, string> videoWork, Func<IEnumerable<string>> allVideoWork, TimeProvider time)
{
    private const string LockExtension = ".lock";

    /// <summary>Opens a run of <paramref name="step"/> for the video, removing what dead runs of the same step left.</summary>
    public WorkArea Open(Guid videoId, string step)
    {
        AssetNames.Validate(step, nameof(step));
        if (step.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"A step name is one segment ('{step}' has several), e.g. 'render-s01-a1'.", nameof(step));
        var stepFolder = Path.Combine(videoWork(videoId), step);
        Directory.CreateDirectory(stepFolder);
        DeleteDeadRuns(stepFolder, olderThan: null);

        var run = Guid.NewGuid().ToString("N");
        var lockFile = Path.Combine(stepFolder, run + LockExtension);
        // The lock first: a sweeper that finds the folder finds its lock held.
        var held = new FileStream(lockFile, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            var folder = Path.Combine(stepFolder, run);
            Directory.CreateDirectory(folder);
            return new WorkArea(folder, lockFile, held);
        }
        catch
        {
            held.Dispose();
            TryDeleteFile(lockFile);
            throw;
        }
    }

    /// <summary>Removes the video's scratch files that no live run holds.</summary>
    public void DeleteVideo(Guid videoId)
    {
        var folder = videoWork(videoId);
        if (Directory.Exists(folder))
            Sweep(folder, olderThan: null);
    }

    /// <summary>Removes every dead run and loose file last written more than <paramref name="olderThan"/> ago; returns how many.</summary>
    public int DeleteStale(TimeSpan olderThan)
    {
        var removed = 0;
        foreach (var folder in allVideoWork())
            removed += Sweep(folder, olderThan);
        return removed;
    }

    private int Sweep(string videoFolder, TimeSpan? olderThan)
    {
        var removed = 0;
        foreach (var file in SafeFiles(videoFolder))
        {
            if (IsOld(File.GetLastWriteTimeUtc(file), olderThan) && TryDeleteFile(file))
                removed++;
        }

        foreach (var stepFolder in SafeFolders(videoFolder))
        {
            removed += DeleteDeadRuns(stepFolder, olderThan);
            TryDeleteEmpty(stepFolder);
        }

        TryDeleteEmpty(videoFolder);
        return removed;
    }

    private int DeleteDeadRuns(string stepFolder, TimeSpan? olderThan)
    {
        var removed = 0;
        foreach (var run in SafeFolders(stepFolder))
        {
            var lockFile = run + LockExtension;
            if (!IsOld(Directory.GetLastWriteTimeUtc(run), olderThan))
                continue;
            if (File.Exists(lockFile))
            {
                try
                {
                    // Taken: its run is gone (the lock dies with its process). Held: a live run, left alone.
                    using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    {
                    }
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }
            }

            if (TryDeleteFolder(run))
            {
                removed++;
                TryDeleteFile(lockFile);
            }
        }

        // Locks whose folder is gone (a run that died between the two).
        foreach (var lockFile in SafeFiles(stepFolder).Where(f => f.EndsWith(LockExtension, StringComparison.Ordinal)))
        {
            if (!Directory.Exists(lockFile[..^LockExtension.Length]) && IsOld(File.GetLastWriteTimeUtc(lockFile), olderThan) && TryTake(lockFile))
                TryDeleteFile(lockFile);
        }

        return removed;
    }

    private bool IsOld(DateTime writtenUtc, TimeSpan? olderThan) =>
        olderThan is not { } age || time.GetUtcNow().UtcDateTime - writtenUtc > age;

    private static bool TryTake(string lockFile)
    {
        try
        {
            using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IEnumerable<string> SafeFiles(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static IEnumerable<string> SafeFolders(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetDirectories(folder) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static void TryDeleteEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Someone started a run in it meanwhile, or it is not ours to delete: either way it stays.
        }
    }

    internal static bool TryDeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleaning up must not fail the work; the next run or the start-up sweep tries again.
            return false;
        }
    }

    internal static bool TryDeleteFile(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
