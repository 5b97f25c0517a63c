namespace AiProd.Contracts;

/// <summary>
/// What a caller asks for. Travels inside <see cref="GenerateVideo"/> and is echoed in the manifest.
/// </summary>
/// <param name="Prompt">Free text describing the video (1–2,000 characters after sanitizing).</param>
/// <param name="DurationSeconds">Length of the delivered video in seconds (2–60).</param>
/// <param name="AspectRatio">"16:9", "9:16" or "1:1".</param>
/// <param name="Resolution">"720p" or "1080p": the short side of the frame.</param>
/// <param name="BudgetUsd">The most the caller will pay, $0.10–$100.00.</param>
/// <param name="FrameRate">24, 30 or 60 frames per second.</param>
public sealed record VideoRequest(
    string Prompt,
    double DurationSeconds = 10,
    string AspectRatio = "16:9",
    string Resolution = "720p",
    decimal BudgetUsd = 5.00m,
    int FrameRate = 24)
{
    /// <summary>Who must approve the video and where it waits for them; null: nobody, it runs straight through.</summary>
    public ApprovalPolicy? Approval { get; init; }
}
