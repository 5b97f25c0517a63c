namespace AiProd.Contracts;

/// <summary>
/// Who must approve a video, and where it waits for them; part of <see cref="VideoRequest"/>. Every role in
/// <paramref name="Roles"/> must approve at every point in <paramref name="Points"/>; one rejection sends the video back
/// to Creative with the comments as direction, as a new version.
/// </summary>
/// <param name="Roles">The roles that must approve (for example <c>creative-director</c>, <c>client</c>, <c>legal</c>): 1–10 distinct names of lower-case letters, digits and '-'.</param>
/// <param name="Points">Where: <see cref="ApprovalPoints.Storyboard"/>, <see cref="ApprovalPoints.Final"/> or both.</param>
public sealed record ApprovalPolicy(IReadOnlyList<string> Roles, IReadOnlyList<string> Points)
{
    /// <summary>How long the video waits at each point (60 s – 30 days); null: as long as it takes.</summary>
    public int? DeadlineSeconds { get; init; }

    /// <summary>What happens when <see cref="DeadlineSeconds"/> passes: <c>fail</c> (default) or <c>approve</c>.</summary>
    public string OnDeadline { get; init; } = ApprovalPoints.FailOnDeadline;
}
