namespace AiProd.Contracts;

/// <summary>One delivered aspect ratio of a video: the file stored beside the manifest.</summary>
/// <param name="AspectRatio">"16:9", "9:16" or "1:1".</param>
/// <param name="File">Its name in the video's folder ("video.mp4" for the master, "video.9x16.mp4" …).</param>
/// <param name="Reframe">"master", "crop" (centre window) or "blur-pad" (the whole master over a blurred fill).</param>
public sealed record DeliveredFormat(string AspectRatio, string File, string Reframe);
