namespace AiProd.Workers.Common;

/// <summary>
/// The tags semantic QA starts its feedback items with ("&lt;tag&gt;: &lt;sentence&gt;") and the creative director acts
/// on. Shared by both roles, so neither depends on the other's library.
/// </summary>
public static class FeedbackTags
{
    public const string MoreMotion = "more-motion";
    public const string LessMotion = "less-motion";
    public const string Brighter = "brighter";
    public const string Darker = "darker";
    public const string FewerCuts = "fewer-cuts";
    public const string Steadier = "steadier";
    public const string Sharper = "sharper";
    public const string MoreContrast = "more-contrast";

    /// <summary>Offline QA: the captions and narration keep few of the prompt's words (a lexical measure).</summary>
    public const string FollowThePrompt = "follow-the-prompt";

    public static readonly IReadOnlyList<string> All = [MoreMotion, LessMotion, Brighter, Darker, FewerCuts, Steadier, Sharper, MoreContrast];
}
