namespace AiProd.Workers.Common;

/// <summary>Pixel dimensions for an aspect ratio and a resolution name; the resolution is the short side.</summary>
public readonly record struct FrameSize(int Width, int Height)
{
    public static readonly IReadOnlyList<string> AspectRatios = ["16:9", "9:16", "1:1"];

    public static readonly IReadOnlyList<string> Resolutions = ["720p", "1080p"];

    public static FrameSize For(string aspectRatio, string resolution)
    {
        var shortSide = resolution switch
        {
            "720p" => 720,
            "1080p" => 1080,
            _ => throw new ArgumentException($"Unknown resolution '{resolution}'; allowed: {string.Join(", ", Resolutions)}.", nameof(resolution)),
        };
        var longSide = shortSide * 16 / 9;
        return aspectRatio switch
        {
            "16:9" => new FrameSize(longSide, shortSide),
            "9:16" => new FrameSize(shortSide, longSide),
            "1:1" => new FrameSize(shortSide, shortSide),
            _ => throw new ArgumentException($"Unknown aspect ratio '{aspectRatio}'; allowed: {string.Join(", ", AspectRatios)}.", nameof(aspectRatio)),
        };
    }
}
