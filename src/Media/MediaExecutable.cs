using AiProd.Workers.Common;

namespace AiProd.Media;

/// <summary>One of the two tools: where it is configured, the setting that configures it, and its name for people.</summary>
internal sealed record MediaExecutable(string Path, string Setting, string Name)
{
    /// <summary>
    /// Whether the process could start it: an absolute or relative path that exists, or a bare name found on PATH.
    /// The start-up check asks before any step runs; the step itself fails the same way if it vanished since.
    /// </summary>
    public bool Exists()
    {
        if (string.IsNullOrWhiteSpace(Path))
            return false;
        if (Path.Contains(System.IO.Path.DirectorySeparatorChar) || Path.Contains(System.IO.Path.AltDirectorySeparatorChar))
            return File.Exists(Path);
        var extensions = OperatingSystem.IsWindows() ? new[] { "", ".exe" } : [""];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(folder => extensions.Any(extension => File.Exists(System.IO.Path.Combine(folder, Path + extension))));
    }

    /// <summary>
    /// The failure of a step that needs a tool this machine lacks: not retryable at once (the same machine fails the same
    /// way until an operator installs it or fixes the setting), naming the setting and never the server path.
    /// </summary>
    public static StepException Missing(MediaExecutable tool, string stage, Exception? inner = null) => tool.Name == "espeak-ng"
        ? new(stage, "tts_missing", $"espeak-ng could not be started on this worker: install it ('apt-get install espeak-ng', scripts/ensure-deps.sh does) or set {tool.Setting} to its executable.", retryable: false, inner)
        : new(
        stage,
        "ffmpeg_missing",
        $"{tool.Name} could not be started on this worker: install ffmpeg (which includes ffprobe), for example 'apt-get install ffmpeg', "
        + $"or set {tool.Setting} to its executable.",
        retryable: false,
        inner);
}
