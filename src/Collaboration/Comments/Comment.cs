using System.Globalization;
using AiProd.Collaboration.Records;

namespace AiProd.Collaboration.Comments;

/// <summary>
/// One comment on a version of a video, a reply when it has a <see cref="ParentId"/>, optionally anchored to a shot or a
/// moment of the video. A deleted comment keeps its place in the thread, without its text.
/// </summary>
/// <param name="Id">cm_ and 16 hex digits.</param>
/// <param name="VideoId">The video.</param>
/// <param name="Version">The version it is about.</param>
/// <param name="ParentId">The comment it answers; null for a thread's first.</param>
/// <param name="Author">Who wrote it: an API key's owner and key id, or a token's subject; only they edit or delete it.</param>
/// <param name="AuthorName">How the author is shown (owner and key).</param>
/// <param name="Text">1–4,000 characters; empty once deleted.</param>
/// <param name="At">When it was written.</param>
public sealed record Comment(string Id, Guid VideoId, int Version, string? ParentId, string Author, string AuthorName, string Text, DateTimeOffset At) : IStoredRecord
{
    public string Partition => VideoId.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>The shot or the moment it points at; null: the whole version.</summary>
    public CommentAnchor? Anchor { get; init; }

    /// <summary>When its text was last changed; null: never.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>When its author deleted it; null: it stands.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}
