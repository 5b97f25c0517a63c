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
            var clip = clips[i];
            if (clip.Frames < shots[i].ClipFrames)
                return null;
            var incoming = i == 0 ? 0 : shots[i - 1].OverlapFrames;
            var visible = shots[i].VisibleFrames;
            var from = clip.KeyFrames.Select(k => k.Frame).Where(f => f >= incoming).DefaultIfEmpty(int.MaxValue).Min();
            var to = clip.Frames == visible ? visible : clip.KeyFrames.Select(k => k.Frame).Where(f => f <= visible).DefaultIfEmpty(-1).Max();
            if (from >= to)
                return null;
            copied[i] = new CopiedSpan(i, from, to);
        }

        var spans = new List<TimelineSpan> { copied[0] };
        for (var i = 1; i < shots.Count; i++)
        {
            var previous = shots[i - 1];
            var glue = new GlueSpan(i - 1, copied[i - 1].To, previous.ClipFrames, copied[i].From, previous.OverlapFrames, previous.Xfade);
            if (glue.Frames > 0)
                spans.Add(glue);
            spans.Add(copied[i]);
        }

        // The last clip may hold a frame more than the timeline wants, and then it is copied only to a key frame.
        var last = shots.Count - 1;
        if (copied[last].To < shots[last].VisibleFrames)
            spans.Add(new GlueSpan(last, copied[last].To, shots[last].VisibleFrames, 0, 0, null));
        return spans;
    }
}
