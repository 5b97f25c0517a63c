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

    /// <summary>Whether a voice reads one line per scene over the music (and SRT/WebVTT subtitles come with it). Default on.</summary>
    public bool Narration { get; init; } = true;

    /// <summary>BCP-47 language of the narration, e.g. "en", "en-US", "fr-FR" (2–16 letters, digits and hyphens). Default "en".</summary>
    public string Language { get; init; } = "en";

    /// <summary>A voice name of the text-to-speech provider (e.g. "en-US-Neural2-C", or espeak-ng's "en-us+f3"); null picks one for the language.</summary>
    public string? Voice { get; init; }

    /// <summary>Speaking rate, 0.5–2.0 (1.0 is normal speed).</summary>
    public double SpeechRate { get; init; } = 1.0;

    /// <summary>Whether the subtitles are also drawn into the picture (they are always delivered as SRT and WebVTT files).</summary>
    public bool BurnSubtitles { get; init; }

    /// <summary>
    /// Every aspect ratio to deliver ("16:9", "9:16", "1:1"; each once); empty: only <see cref="AspectRatio"/>. The plan is
    /// made and rendered once, in <see cref="AspectRatio"/> (which must be one of these); the other formats are reframed from it.
    /// </summary>
    public IReadOnlyList<string> Formats { get; init; } = [];

    /// <summary>Value equality, the formats compared item by item (a request read back from a store or the wire equals the one sent).</summary>
    public bool Equals(VideoRequest? other) =>
        other is not null && Prompt == other.Prompt && DurationSeconds.Equals(other.DurationSeconds) && AspectRatio == other.AspectRatio
        && Resolution == other.Resolution && BudgetUsd == other.BudgetUsd && FrameRate == other.FrameRate && Equals(Approval, other.Approval)
        && Narration == other.Narration && Language == other.Language && Voice == other.Voice && SpeechRate.Equals(other.SpeechRate)
        && BurnSubtitles == other.BurnSubtitles && (Formats ?? []).SequenceEqual(other.Formats ?? []);

    public override int GetHashCode() => HashCode.Combine(Prompt, DurationSeconds, AspectRatio, Resolution, BudgetUsd, FrameRate, Narration, (Formats ?? []).Count);
}
