using System.ComponentModel;
using System.Diagnostics;
using AiProd.Workers.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Media;

/// <summary>What one ffmpeg or ffprobe run printed and how it ended.</summary>
public sealed partial record ToolResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty stderr lines, short enough for an error message.</summary>
    /// Absolute paths are cut to their file name: the message reaches users, and a server's folders are not theirs to see.
    public string ErrorTail(int lines = 4) =>
        AbsolutePath().Replace(
            string.Join(" | ", StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines)),
            m => Path.GetFileName(m.Value));

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])/(?:[^\s/:'""|]+/)+[^\s/:'""|]*")]
    private static partial System.Text.RegularExpressions.Regex AbsolutePath();
}

/// <summary>
/// Runs ffmpeg and ffprobe as child processes. Arguments go through <see cref="ProcessStartInfo.ArgumentList"/>,
/// so nothing is ever parsed by a shell; filter graphs only need ffmpeg's own escaping.
/// </summary>
public sealed class MediaTool(IOptions<MediaOptions> options, ILogger<MediaTool> logger)
{
    public Task<ToolResult> FfmpegAsync(IReadOnlyList<string> arguments, string stage, CancellationToken cancellationToken) =>
        RunAsync(options.Value.FfmpegPath, ["-hide_banner", "-nostdin", .. arguments], stage, cancellationToken);

    public Task<ToolResult> FfprobeAsync(IReadOnlyList<string> arguments, string stage, CancellationToken cancellationToken) =>
        RunAsync(options.Value.FfprobePath, ["-hide_banner", .. arguments], stage, cancellationToken);

    private async Task<ToolResult> RunAsync(string executable, IReadOnlyList<string> arguments, string stage, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new StepException(
                stage,
                "ffmpeg_not_found",
                $"Could not start '{executable}': {ex.Message}. Install ffmpeg (which includes ffprobe), for example 'apt-get install ffmpeg', "
                + "or set Media:FfmpegPath and Media:FfprobePath to its location.",
                retryable: false,
                ex);
        }

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ProcessTimeout);
        // Both pipes are drained concurrently; ffmpeg blocks when a full stderr pipe is not read.
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            var result = new ToolResult(process.ExitCode, await stdout, await stderr);
            logger.LogDebug(
                "{Tool} exited with {ExitCode} after {ElapsedMs} ms",
                Path.GetFileName(executable), result.ExitCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new StepException(
                stage, "ffmpeg_timeout", $"{Path.GetFileName(executable)} ran longer than {options.Value.ProcessTimeout} and was stopped.", retryable: true);
        }
    }
}
