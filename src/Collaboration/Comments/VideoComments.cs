using System.Security.Cryptography;
using AiProd.Collaboration.Records;

namespace AiProd.Collaboration.Comments;

/// <summary>Writes, edits, deletes and lists the comments of videos on the configured store.</summary>
public sealed class VideoComments(IRecordStore<Comment> store, TimeProvider time)
{
    public const int MaxTextLength = 4000;

    /// <summary>Most comments one video keeps listed.</summary>
    public const int MaxPerVideo = 2000;

    public async Task<Comment> AddAsync(Guid videoId, int version, string? parentId, string author, string authorName, string text, CommentAnchor? anchor, CancellationToken cancellationToken)
    {
        var comment = new Comment($"cm_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", videoId, version, parentId, author, authorName, text, time.GetUtcNow())
        {
            Anchor = anchor,
        };
        await store.CreateAsync(comment, cancellationToken);
        return comment;
    }

    /// <summary>The comment <paramref name="id"/> of video <paramref name="videoId"/>, or null.</summary>
    public async Task<Comment?> FindAsync(Guid videoId, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } comment && comment.VideoId == videoId ? comment : null;

    /// <summary>Every comment of the video (of one version when given), oldest first.</summary>
    public async Task<IReadOnlyList<Comment>> ListAsync(Guid videoId, int? version, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(videoId.ToString("D"), MaxPerVideo, cancellationToken))
            .Where(c => version is null || c.Version == version).OrderBy(c => c.At).ThenBy(c => c.Id, StringComparer.Ordinal)];

    public async Task<Comment> EditAsync(Comment comment, string text, CancellationToken cancellationToken)
    {
        var edited = comment with { Text = text, EditedAt = time.GetUtcNow() };
        await store.ReplaceAsync(edited, cancellationToken);
        return edited;
    }

    /// <summary>Removes the text and marks it deleted; its replies stay in the thread.</summary>
    public async Task<Comment> DeleteAsync(Comment comment, CancellationToken cancellationToken)
    {
        var deleted = comment with { Text = string.Empty, DeletedAt = time.GetUtcNow() };
        await store.ReplaceAsync(deleted, cancellationToken);
        return deleted;
    }
}
