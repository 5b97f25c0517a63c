using System.Globalization;
using AiProd.Contracts;
using AiProd.Media;
using AiProd.Providers.Http;
using AiProd.Workers.Render;

namespace AiProd.Workers.Render.Hosted;

/// <summary>
/// The still an image-to-video model starts from (Runway's gen4_turbo has no text-only mode): the shot's first frame
/// drawn by the local renderer (its colours, pattern and light, without the caption), as a JPEG data URI.
/// </summary>
public sealed class KeyframeMaker(LocalShotRenderer local, MediaTool tool)
{
    /// <summary>Data URIs above this are refused by Runway (5 MB).</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    public async Task<string> DataUriAsync(Guid videoId, Shot shot, int width, int height, string workFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shot);
        var still = shot with { DurationSeconds = 1.0 / shot.Spec.FrameRate, TransitionOut = "cut", Spec = shot.Spec with { Caption = "" } };
        var clip = Path.Combine(workFolder, "keyframe.mp4");
        var jpeg = Path.Combine(workFolder, "keyframe.jpg");
        await local.RenderAsync(videoId, still, clip, cancellationToken);
        var inv = CultureInfo.InvariantCulture;
        var result = await tool.FfmpegAsync(
            ["-y", "-v", "error", "-i", clip, "-frames:v", "1",
             "-vf", string.Create(inv, $"scale={width}:{height}:force_original_aspect_ratio=increase,crop={width}:{height}"), "-q:v", "3", jpeg],
            VideoStages.Render, cancellationToken);
        if (!result.Succeeded)
            throw new AiProd.Workers.Common.StepException(VideoStages.Render, "render_failed", $"ffmpeg could not extract the keyframe: {result.ErrorTail(2)}", retryable: true);
        var bytes = await File.ReadAllBytesAsync(jpeg, cancellationToken);
        return bytes.Length <= MaxBytes
            ? "data:image/jpeg;base64," + Convert.ToBase64String(bytes)
            : throw new ProviderException("runway", "invalid_request", $"the keyframe is {bytes.Length} bytes, over the 5 MB limit", false);
    }
}
