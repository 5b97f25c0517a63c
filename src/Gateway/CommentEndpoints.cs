using System.Security.Claims;
using AiProd.Auth;
using AiProd.Collaboration.Audit;
using AiProd.Collaboration.Comments;
using AiProd.Gateway.Input;
using AiProd.Gateway.Security;
using AiProd.Orchestration;

namespace AiProd.Gateway;

/// <summary>
/// Threaded comments on a video's versions: read with <c>videos:read</c>, written with <c>videos:comment</c>, the
/// caller's own videos only; authors edit and delete their own. Every write is in the audit trail.
/// </summary>
public static class CommentEndpoints
{
    public static IEndpointRouteBuilder MapCommentEndpoints(this IEndpointRouteBuilder app)
    {
        var comments = app.MapGroup("/v1/videos/{id}/comments");
        comments.MapGet("/", List).RequireAuthorization(ApiKeyScopes.Read);
        comments.MapPost("/", Create).RequireAuthorization(ApiKeyScopes.Comment);
        comments.MapPatch("/{commentId}", Edit).RequireAuthorization(ApiKeyScopes.Comment);
        comments.MapDelete("/{commentId}", Delete).RequireAuthorization(ApiKeyScopes.Comment);
        return app;
    }

    private static async Task<IResult> List(string id, HttpRequest http, ClaimsPrincipal user, VideoStatusReader reader, VideoComments comments, CancellationToken cancellationToken)
    {
        var (video, problem) = await Load(id, user, reader, cancellationToken);
        if (problem is not null)
            return problem;
        int? version = null;
        if (http.Query.TryGetValue("version", out var values))
        {
            if (values.Count != 1 || !int.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || video!.Versions.All(v => v.Number != n))
                return Problems.Field("version", $"version must be one of this video's versions (1–{Math.Max(1, video!.Versions.Count)}).", "The comment query is invalid.");
            version = n;
        }

        var all = await comments.ListAsync(video!.Id, version, cancellationToken);
        var byParent = all.ToLookup(c => c.ParentId ?? string.Empty);
        object Thread(Comment c) => new
        {
            c.Id,
            c.Version,
            c.ParentId,
            author = c.AuthorName,
            c.Text,
            c.Anchor,
            c.At,
            c.EditedAt,
            c.DeletedAt,
            replies = byParent[c.Id].Select(Thread).ToArray(),
        };
        // Top-level comments, and replies whose parent is of another version (listed when only one version is asked for).
        var ids = all.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return Results.Ok(new { items = all.Where(c => c.ParentId is null || !ids.Contains(c.ParentId)).Select(Thread) });
    }

    private static async Task<IResult> Create(string id, HttpRequest http, ClaimsPrincipal user, VideoStatusReader reader, VideoComments comments, AuditLog audit,
        Live.VideoEventSignals signals, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
            return VideoEndpoints.BadId(id);
        var (body, bad) = await VideoRequestBody.ReadAsync(http, CommentBody.Parser(edit: false), cancellationToken);
        if (bad is not null)
            return bad;
        var (video, problem) = await Load(id, user, reader, cancellationToken);
        if (problem is not null)
            return problem;

        var current = video!.Versions.FirstOrDefault(v => v.Current);
        var version = body!.Version ?? current?.Number ?? 1;
        var target = video.Versions.FirstOrDefault(v => v.Number == version);
        if (body.Version is not null && target is null)
            return Problems.Field("version", $"The video has no version {version}; it has {video.Versions.Count}.", "The comment is invalid.");
        if (body.ShotId is { } shot && target?.Shots.All(s => s.ShotId != shot) != false)
            return Problems.Field("shotId", $"'{Problems.Echo(shot)}' is not a shot of version {version}.", "The comment is invalid.");
        if (body.AtSeconds is { } at && target is { DurationSeconds: > 0 } && at > target.DurationSeconds)
            return Problems.Field("atSeconds", $"atSeconds {at:0.###} is past the end of version {version} ({target.DurationSeconds:0.###} s).", "The comment is invalid.");
        if (body.ParentId is { } parentId && await comments.FindAsync(video.Id, parentId, cancellationToken) is null)
            return Problems.Field("parentId", $"'{Problems.Echo(parentId)}' is not a comment of this video.", "The comment is invalid.");

        var anchor = body.ShotId is null && body.AtSeconds is null ? null : new CommentAnchor(body.ShotId, body.AtSeconds);
        var comment = await comments.AddAsync(video.Id, version, body.ParentId, user.Actor(), user.Actor(), body.Text, anchor, cancellationToken);
        // Streams of this video on this gateway show it at once (other replicas at their next signal or safety poll).
        signals.Notify(video.Id);
        await audit.RecordAsync(user.Actor(), AuditActions.CommentCreated, video.Id, version, comment.Id, body.Text, cancellationToken);
        return Results.Created($"/v1/videos/{video.Id}/comments/{comment.Id}", View(comment));
    }

    private static async Task<IResult> Edit(string id, string commentId, HttpRequest http, ClaimsPrincipal user, VideoStatusReader reader, VideoComments comments, AuditLog audit, CancellationToken cancellationToken)
    {
        var (body, bad) = await VideoRequestBody.ReadAsync(http, CommentBody.Parser(edit: true), cancellationToken);
        if (bad is not null)
            return bad;
        var (comment, problem) = await Own(id, commentId, user, reader, comments, cancellationToken);
        if (problem is not null)
            return problem;
        var edited = await comments.EditAsync(comment!, body!.Text, cancellationToken);
        await audit.RecordAsync(user.Actor(), AuditActions.CommentEdited, edited.VideoId, edited.Version, edited.Id, body.Text, cancellationToken);
        return Results.Ok(View(edited));
    }

    private static async Task<IResult> Delete(string id, string commentId, ClaimsPrincipal user, VideoStatusReader reader, VideoComments comments, AuditLog audit, CancellationToken cancellationToken)
    {
        var (comment, problem) = await Own(id, commentId, user, reader, comments, cancellationToken);
        if (problem is not null)
            return problem;
        var deleted = await comments.DeleteAsync(comment!, cancellationToken);
        await audit.RecordAsync(user.Actor(), AuditActions.CommentDeleted, deleted.VideoId, deleted.Version, deleted.Id, cancellationToken: cancellationToken);
        return Results.NoContent();
    }

    /// <summary>The caller's own, not deleted, comment on a video the caller may see; otherwise the problem to answer.</summary>
    private static async Task<(Comment?, IResult?)> Own(string id, string commentId, ClaimsPrincipal user, VideoStatusReader reader, VideoComments comments, CancellationToken cancellationToken)
    {
        var (video, problem) = await Load(id, user, reader, cancellationToken);
        if (problem is not null)
            return (null, problem);
        if (await comments.FindAsync(video!.Id, commentId, cancellationToken) is not { DeletedAt: null } comment)
            return (null, Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such comment.",
                detail: $"'{Problems.Echo(commentId)}' is not a comment of this video (or it was deleted).", extensions: new Dictionary<string, object?> { ["field"] = "commentId" }));
        if (comment.Author != user.Actor())
            return (null, Problems.Field("commentId", "Only its author can change or delete a comment.", "This comment is not yours.", StatusCodes.Status403Forbidden));
        return (comment, null);
    }

    private sealed record Target(Guid Id, IReadOnlyList<VersionView> Versions);

    private static async Task<(Target?, IResult?)> Load(string id, ClaimsPrincipal user, VideoStatusReader reader, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return (null, VideoEndpoints.BadId(id));
        if (await reader.VersionsAsync(videoId, cancellationToken) is not { } found || !user.MaySee(found.Owner))
            return (null, VideoEndpoints.NotFound(videoId));
        return (new Target(videoId, found.Versions), null);
    }

    private static object View(Comment c) => new { c.Id, c.Version, c.ParentId, author = c.AuthorName, c.Text, c.Anchor, c.At, c.EditedAt, c.DeletedAt };
}
