using System.ComponentModel;
using System.Diagnostics;
using AiProd.Workers.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Media;

/// <summary>What one ffmpeg or ffprobe run printed and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The last non-empty stderr lines, short enough for an error message, without server paths (<see cref="UserText"/>):
    /// the message reaches users, and a server's folders are not theirs to see.
    /// </summary>
    public string ErrorTail(int lines = 4) =>
        UserText.Scrub(string.Join(" | ", StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines)))!;
}

/// <summary>
/// Runs ffmpeg and ffprobe as child processes, always the executables <c>Media:FfmpegPath</c> and
/// <c>Media:FfprobePath</c> name. Arguments go through <see cref="ProcessStartInfo.ArgumentList"/>, so nothing is ever
/// parsed by a shell; filter graphs only need ffmpeg's own escaping. A tool that cannot be started is a
/// <see cref="StepException"/> <c>ffmpeg_missing</c> naming the setting (never the server path), not a crash.
/// </summary>
public sealed class MediaTool(IOptions<MediaOptions> options, ILogger<MediaTool> logger)
{
    public Task<ToolResult> FfmpegAsync(IReadOnlyList<string> arguments, string stage, CancellationToken cancellationToken) =>
        RunAsync(Ffmpeg, [.. Banner(Ffmpeg), .. arguments], null, stage, cancellationToken);

    public Task<ToolResult> FfprobeAsync(IReadOnlyList<string> arguments, string stage, CancellationToken cancellationToken) =>
        RunAsync(Ffprobe, [.. Banner(Ffprobe), .. arguments], null, stage, cancellationToken);

    /// <summary>Runs espeak-ng (offline narration).</summary>
    public Task<ToolResult> EspeakAsync(IReadOnlyList<string> arguments, string stage, CancellationToken cancellationToken) =>
        RunAsync(Espeak, arguments, null, stage, cancellationToken);

    /// <summary>
    /// Runs ffmpeg on a command line already built and quoted (FFMpegCore's argument builder, see
    /// <see cref="FfmpegEncoder"/>), as .NET splits it on every platform.
    /// </summary>
    public Task<ToolResult> FfmpegCommandLineAsync(string commandLine, string stage, CancellationToken cancellationToken) =>
        RunAsync(Ffmpeg, [], "-hide_banner -nostdin " + commandLine, stage, cancellationToken);

    private MediaExecutable Ffmpeg => new(options.Value.FfmpegPath, $"{MediaOptions.Section}:{nameof(MediaOptions.FfmpegPath)}", "ffmpeg");

    private MediaExecutable Ffprobe => new(options.Value.FfprobePath, $"{MediaOptions.Section}:{nameof(MediaOptions.FfprobePath)}", "ffprobe");

    private MediaExecutable Espeak => new(options.Value.EspeakPath, $"{MediaOptions.Section}:{nameof(MediaOptions.EspeakPath)}", "espeak-ng");

    private static string[] Banner(MediaExecutable tool) => tool.Name == "ffmpeg" ? ["-hide_banner", "-nostdin"] : ["-hide_banner"];

    private async Task<ToolResult> RunAsync(MediaExecutable tool, IReadOnlyList<string> arguments, string? commandLine, string stage, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        if (commandLine is not null)
            info.Arguments = commandLine;
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            // The OS's words name the server path: the setting is what the operator must fix.
            logger.LogError("{Tool} could not be started ({Setting}): {Reason}", tool.Name, tool.Setting, ex.Message);
            throw MediaExecutable.Missing(tool, stage, ex);
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
            logger.LogDebug("{Tool} exited with {ExitCode} after {ElapsedMs} ms", tool.Name, result.ExitCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // A full or read-only disk is not this step's fault, nor another backend's to fix: say so, whatever the caller does with failures.
            if (StorageFailures.FromToolOutput(result.StdErr, stage) is { } storage)
                throw storage;
            return result;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new StepException(stage, "ffmpeg_timeout", $"{tool.Name} ran longer than {options.Value.ProcessTimeout} and was stopped.", retryable: true);
        }
    }
}
