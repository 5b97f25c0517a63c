using System.Diagnostics;

namespace AiProd.Workers.Tests.Consumers;

/// <summary>
/// Real broken storage for tests, made the way the machine allows: a tiny tmpfs that fills up (ENOSPC), a read-only
/// mount (EROFS), or a folder its user may not write to (chmod 0555, which does not stop root; then chattr +i, which
/// does). Each returns null when this machine cannot make it, and is undone on dispose.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class FailingDisk : IDisposable
{
    private readonly Action _undo;

    private FailingDisk(string folder, Action undo)
    {
        Folder = folder;
        _undo = undo;
    }

    public string Folder { get; }

    /// <summary>A folder on a file system of <paramref name="kib"/> KiB: writes past that fail with ENOSPC.</summary>
    public static FailingDisk? Full(int kib) => Mount($"size={kib}k");

    /// <summary>A folder on a read-only file system: writes fail with EROFS.</summary>
    public static FailingDisk? ReadOnlyMount() => Mount("ro");

    /// <summary>A folder its user may not create files in (chmod 0555, or for root chattr +i): writes fail with EACCES or EPERM.</summary>
    public static FailingDisk? NotPermitted()
    {
        var folder = Directory.CreateTempSubdirectory("aiprod-readonly-").FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (!CanWrite(folder))
            return new FailingDisk(folder, () => Remove(folder));
        // Root writes through 0555: make the folder immutable instead, if the file system lets us.
        if (Run("chattr", "+i", folder) && !CanWrite(folder))
            return new FailingDisk(folder, () =>
            {
                Run("chattr", "-i", folder);
                Remove(folder);
            });
        Remove(folder);
        return null;
    }

    public void Dispose() => _undo();

    private static FailingDisk? Mount(string options)
    {
        var folder = Directory.CreateTempSubdirectory("aiprod-disk-").FullName;
        if (!Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder))
        {
            Directory.Delete(folder);
            return null;
        }

        return new FailingDisk(folder, () =>
        {
            Run("umount", folder);
            Directory.Delete(folder, recursive: true);
        });
    }

    private static bool CanWrite(string folder)
    {
        try
        {
            File.WriteAllText(Path.Combine(folder, "probe"), "x");
            File.Delete(Path.Combine(folder, "probe"));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Remove(string folder)
    {
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(folder, recursive: true);
    }

    private static bool Run(string command, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
