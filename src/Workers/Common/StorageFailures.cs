
namespace AiProd.Workers.Common;

/// <summary>
/// A worker's own disk failing it: full (<c>storage_full</c>, retryable once space is freed) or not writable
/// (<c>storage_unwritable</c>: read-only or not permitted, not retryable until an operator fixes it). Both name the
/// setting of the folder, never its path. Recognised from .NET's exceptions (<see cref="IOException"/> with ENOSPC or
/// EDQUOT, ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on Windows, EROFS; <see cref="UnauthorizedAccessException"/>) and
/// from ffmpeg's words for the same errors.
/// </summary>
public static class StorageFailures
{
    public const string Full = "storage_full";
    public const string Unwritable = "storage_unwritable";

    private const string Folder = "this worker's asset folder (Assets:Root; Assets:CacheRoot when Assets:Store is Gcs)";

    // errno on Linux (the HResult of an IOException on Unix is the raw errno); Win32 error codes on Windows.
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int Erofs = 30;
    private const int ErrorDiskFull = 0x70;
    private const int ErrorHandleDiskFull = 0x27;
    private const int ErrorWriteProtect = 0x13;

    /// <summary>The step failure for <paramref name="exception"/> (or one it wraps) when it is a storage failure, else null.</summary>
    public static StepException? From(Exception exception, string stage)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StepException { Code: Full or Unwritable } step:
                    return step;
                case UnauthorizedAccessException:
                    return NotWritable(stage, e);
                case IOException io when IsFull(io.HResult):
                    return DiskFull(stage, e);
                case IOException io when IsReadOnly(io.HResult):
                    return NotWritable(stage, e);
            }
        }

        return null;
    }

    /// <summary>The step failure ffmpeg's stderr describes when it could not write for lack of space or permission, else null.</summary>
    public static StepException? FromToolOutput(string stderr, string stage)
    {
        if (stderr.Contains("No space left on device", StringComparison.OrdinalIgnoreCase) || stderr.Contains("Disk quota exceeded", StringComparison.OrdinalIgnoreCase))
            return DiskFull(stage);
        return stderr.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) ? NotWritable(stage) : null;
    }

    /// <summary>Whether <paramref name="exception"/> is one of the two storage failures (no other backend or retry here helps).</summary>
    public static bool Is(StepException exception) => exception is { Code: Full or Unwritable };

    public static StepException DiskFull(string stage, Exception? inner = null) => new(
        stage, Full, $"No space is left on the disk of {Folder}: free space there or point the setting at a larger disk, then try again.", retryable: true, inner);

    public static StepException NotWritable(string stage, Exception? inner = null) => new(
        stage, Unwritable, $"The worker cannot write to {Folder}: it is read-only or not writable by the service's user; make it writable or change the setting.",
        retryable: false, inner);

    private static bool IsFull(int hresult) =>
        OperatingSystem.IsWindows() ? (hresult & 0xFFFF) is ErrorDiskFull or ErrorHandleDiskFull : hresult is Enospc or Edquot || hresult == unchecked((int)0x80070070);

    private static bool IsReadOnly(int hresult) =>
        OperatingSystem.IsWindows() ? (hresult & 0xFFFF) == ErrorWriteProtect : hresult == Erofs;
}
