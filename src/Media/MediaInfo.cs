namespace AiProd.Media;

/// <summary>What ffprobe reported about a file; values it could not read are null.</summary>
public sealed record MediaInfo(
    string FormatName,
    double? DurationSeconds,
    long SizeBytes,
    long? BitRate,
    IReadOnlyDictionary<string, string> Tags,
    VideoStreamInfo? Video,
    AudioStreamInfo? Audio);

/// <summary>The first video stream; <c>FramesRead</c> is only set when probed with frame counting.</summary>
public sealed record VideoStreamInfo(
    string Codec,
    int Width,
    int Height,
    double FrameRate,
    string PixelFormat,
    string? ColorSpace,
    string? Profile,
    long? BitRate,
    double? DurationSeconds,
    long? FramesRead,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>The first audio stream.</summary>
public sealed record AudioStreamInfo(string Codec, int SampleRate, int Channels, double? DurationSeconds);
