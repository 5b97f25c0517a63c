using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace AiProd.Providers.Tests.Stubs;

/// <summary>
/// Small real MP4s made once per test run with ffmpeg (a moving test pattern, 320×180, 24 fps), by length, and the
/// broken variants the stubs serve on request: truncated (the index at the end is cut off) and garbage bytes.
/// </summary>
public static class StubMedia
{
    private static readonly ConcurrentDictionary<int, Lazy<byte[]>> Clips = new();

    /// <summary>A real H.264 MP4 of <paramref name="seconds"/> seconds.</summary>
    public static byte[] Clip(int seconds) => Clips.GetOrAdd(seconds, s => new Lazy<byte[]>(() => Make(s))).Value;

    /// <summary>The first third of a real clip: the moov atom ffmpeg writes last is missing.</summary>
    public static byte[] Truncated(int seconds) => Clip(seconds)[..(Clip(seconds).Length / 3)];

    /// <summary>Bytes that are not a video at all.</summary>
    public static byte[] Garbage() => [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251))];

    private static byte[] Make(int seconds)
    {
        var file = Path.Combine(Path.GetTempPath(), $"aiprod-stub-{Environment.ProcessId}-{seconds}s.mp4");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[]
                 {
                     "-hide_banner", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24",
                     "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", file,
                 })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg could not make the stub clip: {error}");
        var bytes = File.ReadAllBytes(file);
        File.Delete(file);
        return bytes;
    }
}
