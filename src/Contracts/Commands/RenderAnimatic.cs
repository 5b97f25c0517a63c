namespace AiProd.Contracts;

/// <summary>
/// Sent by the saga when a video starts waiting for approval at the <c>storyboard</c>; consumed by the render worker,
/// which makes a cheap local preview of the plan (title cards timed like the shots, drawn by ffmpeg, never a paid
/// backend) and stores it as <see cref="AssetName"/>. Nothing answers it: the approvers' wait does not depend on it,
/// and it costs the video nothing.
/// </summary>
/// <param name="VideoId">The video.</param>
/// <param name="Attempt">The saga's stage attempt when it was sent.</param>
/// <param name="Version">The version waiting for approval.</param>
/// <param name="Shots">The version's shot plan, in order.</param>
public sealed record RenderAnimatic(Guid VideoId, int Attempt, int Version, IReadOnlyList<Shot> Shots) : IVideoMessage
{
    /// <summary>The animatic's asset name beside the video's other assets.</summary>
    public static string AssetName(int version) => $"animatic-v{version}.mp4";
}
