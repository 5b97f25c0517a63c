namespace AiProd.Workers.Render;

/// <summary>A stretch of the delivered timeline, in the order the spans are joined.</summary>
internal abstract record TimelineSpan;

/// <summary>Frames [From, To) of clip <paramref name="Clip"/> go into the video as they are (stream copy).</summary>
internal sealed record CopiedSpan(int Clip, int From, int To) : TimelineSpan;

/// <summary>
/// Frames re-encoded after a copied span: the tail of clip <paramref name="Previous"/> over [<paramref name="TailFrom"/>,
/// <paramref name="TailTo"/>) (its outgoing overlap included) and the head of the next clip up to <paramref name="HeadTo"/>, cross-faded over
/// <paramref name="Overlap"/> frames with <paramref name="Xfade"/> (null: a cut).
/// </summary>
internal sealed record GlueSpan(int Previous, int TailFrom, int TailTo, int HeadTo, int Overlap, string? Xfade) : TimelineSpan
{
    /// <summary>The frames this span puts on the timeline.</summary>
    public int Frames => TailTo - TailFrom - Overlap + HeadTo;
}

/// <summary>
/// Splits a composition into copied spans and short re-encoded ones. A clip can only be cut where a closed GOP starts,
/// so each shot is copied from the first key frame after its incoming transition to the last key frame before its own
/// visible part ends (or to its end); everything between two copied spans is re-encoded. Null when a shot has no key
/// frame in the right place at all: then the whole video is encoded instead.
/// </summary>
internal static class CopyPlan
{
    public static IReadOnlyList<TimelineSpan>? For(CompositionPlan plan, IReadOnlyList<ClipIndex> clips)
    {
        var shots = plan.Shots;
        var copied = new CopiedSpan[shots.Count];
        for (var i = 0; i < shots.Count; i++)
        {
            if (Copied(plan, i, clips[i]) is not { } span)
                return null;
            copied[i] = span;
        }

        var spans = new List<TimelineSpan> { copied[0] };
        for (var i = 1; i < shots.Count; i++)
        {
            var glue = Between(plan, copied[i - 1], copied[i]);
            if (glue.Frames > 0)
                spans.Add(glue);
            spans.Add(copied[i]);
        }

        if (Tail(plan, copied[^1]) is { } tail)
            spans.Add(tail);
        return spans;
    }

    /// <summary>
    /// The stretch of shot <paramref name="i"/>'s clip that is copied: from the first key frame after its incoming
    /// transition to the last key frame before its own visible part ends (or to its end); null when there is none.
    /// </summary>
    public static CopiedSpan? Copied(CompositionPlan plan, int i, ClipIndex clip)
    {
        var shots = plan.Shots;
        if (clip.Frames < shots[i].ClipFrames)
            return null;
        var incoming = shots[i].IncomingFrames;
        var visible = shots[i].VisibleFrames;
        var from = clip.KeyFrames.Select(k => k.Frame).Where(f => f >= incoming).DefaultIfEmpty(int.MaxValue).Min();
        var to = clip.Frames == visible ? visible : clip.KeyFrames.Select(k => k.Frame).Where(f => f <= visible).DefaultIfEmpty(-1).Max();
        return from < to ? new CopiedSpan(i, from, to) : null;
    }

    /// <summary>
    /// The frames re-encoded between two neighbours' copied spans (their transition window; none when
    /// <see cref="GlueSpan.Frames"/> is 0). It depends on the two clips and the plan only, so it can be encoded as soon as
    /// both neighbours are rendered (<see cref="TransitionWindows"/>).
    /// </summary>
    public static GlueSpan Between(CompositionPlan plan, CopiedSpan previous, CopiedSpan next)
    {
        var shot = plan.Shots[previous.Clip];
        return new GlueSpan(previous.Clip, previous.To, shot.ClipFrames, next.From, shot.OverlapFrames, shot.Xfade);
    }

    /// <summary>The last clip may hold a frame more than the timeline wants, and then it is copied only to a key frame: the frames after it, or null.</summary>
    public static GlueSpan? Tail(CompositionPlan plan, CopiedSpan last)
    {
        var visible = plan.Shots[last.Clip].VisibleFrames;
        return last.To < visible ? new GlueSpan(last.Clip, last.To, visible, 0, 0, null) : null;
    }
}
