using System.Diagnostics;
using AiProd.Workers.Common;
using FFMpegCore;
using Microsoft.Extensions.Logging;

namespace AiProd.Media;

/// <summary>
/// Runs the encodes that produce video (shot clips and the composed delivery): the inputs and codec settings are built
/// with FFMpegCore's argument builder, the filter graph comes from a script file, and the command line runs through
/// <see cref="MediaTool"/> on the ffmpeg <c>Media:FfmpegPath</c> names (FFMpegCore's own runner would look for a file
/// called "ffmpeg" beside it, or on PATH). Failures become a <see cref="StepException"/> that names the stage, a code
/// and ffmpeg's own last words; no space left on the device is <c>storage_full</c>.
/// </summary>
public sealed class FfmpegEncoder(MediaTool tool, ILogger<FfmpegEncoder> logger)
{
    /// <summary>The ffmpeg/ffprobe runner under this encoder, for runs that need no FFMpegCore argument builder.</summary>
    public MediaTool Tool => tool;

    public async Task EncodeAsync(
        FFMpegArguments inputs,
        string outputFile,
        Action<FFMpegOutputOptions> output,
        string stage,
        string failureCode,
        string what,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var commandLine = inputs.OutputToFile(outputFile, overwrite: true, output).Arguments;
        var started = Stopwatch.GetTimestamp();
        var result = await tool.FfmpegCommandLineAsync(commandLine, stage, cancellationToken);
        if (!result.Succeeded)
            throw new StepException(stage, failureCode, $"ffmpeg failed while it {what}: {result.ErrorTail()}", retryable: true);

        logger.LogDebug("ffmpeg {What} in {ElapsedMs} ms", what, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Quotes one argument for the command line FFMpegCore hands to the process (Windows-style rules, which .NET also applies on Unix).</summary>
    public static string Quote(string value)
    {
        var sb = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in value)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            sb.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            sb.Append(c);
        }

        return sb.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
