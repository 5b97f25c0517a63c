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

    /// <summary>
    /// The captions and narration keep few of the prompt's words (offline QA), the scenes and narration stray from the
    /// prompt (consistency scorer), or the content misses it (Gemini): the director re-anchors scenes, shot prompts and
    /// captions on the prompt's subjects.
    /// </summary>
    public const string FollowThePrompt = "follow-the-prompt";

    /// <summary>
    /// Consistency scorer (or Gemini): shots of a scene, or the whole video, differ in colour, palette or brightness; the
    /// director keeps one look for every scene and one movement and style line for the shots of a scene.
    /// </summary>
    public const string ConsistentLook = "consistent-look";

    public static readonly IReadOnlyList<string> All = [MoreMotion, LessMotion, Brighter, Darker, FewerCuts, Steadier, Sharper, MoreContrast, ConsistentLook, FollowThePrompt];
}
