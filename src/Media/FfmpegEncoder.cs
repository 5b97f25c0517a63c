using System.ComponentModel;
using System.Diagnostics;
using AiProd.Workers.Common;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiProd.Media;

/// <summary>
/// Runs the encodes that produce video (shot clips and the composed delivery) through FFMpegCore: the inputs and
/// codec settings through its argument builder, the filter graph from a script file. Failures become a
/// <see cref="StepException"/> that names the stage, a code and ffmpeg's own last words.
/// </summary>
public sealed class FfmpegEncoder(IOptions<MediaOptions> options, ILogger<FfmpegEncoder> logger)
{
    public async Task EncodeAsync(
        FFMpegArguments inputs,
        string outputFile,
        Action<FFMpegOutputOptions> output,
        string stage,
        string failureCode,
        string what,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ProcessTimeout);
        var processor = inputs
            .OutputToFile(outputFile, overwrite: true, output)
            .CancellableThrough(timeout.Token);

        var started = Stopwatch.GetTimestamp();
        try
        {
            await processor.ProcessAsynchronously(throwOnError: true, FfOptions(settings));
        }
        catch (Win32Exception ex)
        {
            throw new StepException(stage, "ffmpeg_not_found",
                $"Could not start '{settings.FfmpegPath}': {ex.Message}. Install ffmpeg, for example 'apt-get install ffmpeg', or set Media:FfmpegPath.",
                retryable: false, ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StepException(stage, "ffmpeg_timeout", $"ffmpeg ran longer than {settings.ProcessTimeout} while it {what} and was stopped.", retryable: true);
        }
        catch (FFMpegException ex)
        {
            // The exception carries ffmpeg's stderr; its last lines say what went wrong.
            var tail = string.Join(" | ", ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(4));
            throw new StepException(stage, failureCode, $"ffmpeg failed while it {what}: {tail}", retryable: true, ex);
        }

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

    private static FFOptions FfOptions(MediaOptions settings)
    {
        var folder = Path.GetDirectoryName(settings.FfmpegPath);
        return new FFOptions { BinaryFolder = string.IsNullOrEmpty(folder) ? string.Empty : folder };
    }
}
