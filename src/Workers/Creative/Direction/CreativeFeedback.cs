using AiProd.Workers.Common;

namespace AiProd.Workers.Creative.Direction;

/// <summary>
/// What semantic QA asked for, read from its "&lt;tag&gt;: &lt;sentence&gt;" feedback, and the concrete changes the
/// director makes for it. The changes are words in Camera and Lighting that the visual translator acts on
/// (see <see cref="DirectionCues"/>), plus a scene less for "fewer-cuts", one mood for every scene for
/// "consistent-look" and scene descriptions that lead with the prompt for "follow-the-prompt".
/// </summary>
public sealed record CreativeFeedback(IReadOnlySet<string> Tags, IReadOnlyList<string> Ignored)
{
    public static IReadOnlyList<string> KnownTags => FeedbackTags.All;

    public static readonly CreativeFeedback None = new(new HashSet<string>(), []);

    /// <summary>Reads the tags; items without a known tag are kept aside so the notes can say they were ignored.</summary>
    public static CreativeFeedback Parse(IEnumerable<string>? feedback)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        foreach (var item in feedback ?? [])
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var tag = (colon >= 0 ? item[..colon] : item).Trim().ToLowerInvariant();
            if (KnownTags.Contains(tag))
                tags.Add(tag);
            else if (!string.IsNullOrWhiteSpace(item))
                ignored.Add(item.Trim());
        }

        return new CreativeFeedback(tags, ignored);
    }

    public bool Has(string tag) => Tags.Contains(tag);

    /// <summary>Opposite asks cancel out: the director cannot move more and less at once.</summary>
    public CameraStyle CameraStyle =>
        Has(FeedbackTags.MoreMotion) && !Has(FeedbackTags.LessMotion) && !Has(FeedbackTags.Steadier) ? CameraStyle.Dynamic
        : (Has(FeedbackTags.LessMotion) || Has(FeedbackTags.Steadier)) && !Has(FeedbackTags.MoreMotion) ? CameraStyle.Steady
        : CameraStyle.ByBeat;

    /// <summary>The scene's camera text with the cue words the translator reads.</summary>
    public string AdjustCamera(string camera)
    {
        var cues = new List<string>();
        if (CameraStyle == CameraStyle.Dynamic)
            cues.Add(DirectionCues.Dynamic);
        if (CameraStyle == CameraStyle.Steady)
            cues.Add(DirectionCues.Steady);
        if (Has(FeedbackTags.FewerCuts))
            cues.Add(DirectionCues.LongTake);
        if (Has(FeedbackTags.Sharper))
            cues.Add(DirectionCues.CrispFocus);
        return cues.Count == 0 ? camera : $"{camera}, {string.Join(", ", cues)}";
    }

    /// <summary>The scene's lighting with exposure and contrast cues.</summary>
    public string AdjustLighting(string lighting)
    {
        var prefix = new List<string>();
        if (Has(FeedbackTags.Brighter) && !Has(FeedbackTags.Darker))
            prefix.Add(DirectionCues.Bright);
        if (Has(FeedbackTags.Darker) && !Has(FeedbackTags.Brighter))
            prefix.Add(DirectionCues.LowKey);
        if (Has(FeedbackTags.MoreContrast))
            prefix.Add(DirectionCues.HighContrast);
        var adjusted = prefix.Count == 0 ? lighting : $"{string.Join(" ", prefix)} {lighting}";
        return Has(FeedbackTags.ConsistentLook) ? $"{adjusted}, {DirectionCues.OneLook}" : adjusted;
    }

    /// <summary>Motion asks also change the mood words, which the translator turns into motion intensity.</summary>
    public string AdjustMood(string mood) => CameraStyle switch
    {
        CameraStyle.Dynamic => $"energetic {mood}",
        CameraStyle.Steady => $"calm {mood}",
        _ => mood,
    };

    /// <summary>One note per change, in a fixed order, for <c>CreativeDirection.Notes</c>.</summary>
    public IReadOnlyList<string> Notes(int previousScenes, int scenes, Look? look = null, string anchor = "", IReadOnlyList<string>? subjects = null)
    {
        var notes = new List<string>();
        if (CameraStyle == CameraStyle.Dynamic)
            notes.Add($"{FeedbackTags.MoreMotion}: cameras switched to moving set-ups (push in, orbit, handheld, whip pan), camera marked \"{DirectionCues.Dynamic}\" and moods made energetic.");
        if (CameraStyle == CameraStyle.Steady)
            notes.Add($"{string.Join(" + ", new[] { FeedbackTags.LessMotion, FeedbackTags.Steadier }.Where(Has))}: cameras switched to tripod/dolly set-ups without handheld, camera marked \"{DirectionCues.Steady}\" and moods made calm.");
        if (Has(FeedbackTags.MoreMotion) && CameraStyle == CameraStyle.ByBeat)
            notes.Add($"{FeedbackTags.MoreMotion} conflicts with {(Has(FeedbackTags.LessMotion) ? FeedbackTags.LessMotion : FeedbackTags.Steadier)}: camera choices left to the beats.");
        if (Has(FeedbackTags.Brighter) && !Has(FeedbackTags.Darker))
            notes.Add($"{FeedbackTags.Brighter}: lighting marked \"{DirectionCues.Bright}\" to lift exposure.");
        if (Has(FeedbackTags.Darker) && !Has(FeedbackTags.Brighter))
            notes.Add($"{FeedbackTags.Darker}: lighting marked \"{DirectionCues.LowKey}\" to lower exposure.");
        if (Has(FeedbackTags.Brighter) && Has(FeedbackTags.Darker))
            notes.Add($"{FeedbackTags.Brighter} conflicts with {FeedbackTags.Darker}: exposure left unchanged.");
        if (Has(FeedbackTags.FewerCuts))
            notes.Add($"{FeedbackTags.FewerCuts}: {previousScenes} → {scenes} scene(s) and camera marked \"{DirectionCues.LongTake}\" so each scene uses fewer shots.");
        if (Has(FeedbackTags.Sharper))
            notes.Add($"{FeedbackTags.Sharper}: camera marked \"{DirectionCues.CrispFocus}\" to cut motion blur.");
        if (Has(FeedbackTags.MoreContrast))
            notes.Add($"{FeedbackTags.MoreContrast}: lighting marked \"{DirectionCues.HighContrast}\" so the palette colours are pushed apart.");
        if (Has(FeedbackTags.ConsistentLook))
            notes.Add($"{FeedbackTags.ConsistentLook}: one look for every scene (lighting \"{look?.Lighting}\", mood \"{look?.Mood}\" instead of a mood per beat, so one palette), lighting marked \"{DirectionCues.OneLook}\" so each scene's shots keep one camera movement and share a style line.");
        if (Has(FeedbackTags.FollowThePrompt))
            notes.Add($"{FeedbackTags.FollowThePrompt}: scene descriptions, shot prompts and captions re-anchored on the prompt: each leads with its subject ({string.Join(", ", subjects is { Count: > 0 } ? subjects : ["main subject"])}) and \"{anchor}\".");
        notes.AddRange(Ignored.Select(i => $"ignored feedback without a known tag: \"{i}\"."));
        return notes;
    }
}
