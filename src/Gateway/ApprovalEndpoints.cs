using System.Security.Claims;
using AiProd.Auth;
using AiProd.Collaboration.Audit;
using AiProd.Contracts;
using AiProd.Gateway.Input;
using AiProd.Gateway.Security;
using AiProd.Orchestration;

namespace AiProd.Gateway;

/// <summary>
/// <c>POST /v1/videos/{id}/approve</c> and <c>/reject</c> (scope <c>videos:approve</c>, the caller's own videos as for
/// reads): checked against what the video waits for, then handed to the saga as <see cref="ApproveVideo"/> or
/// <see cref="RejectVideo"/> through the video's outbox (<see cref="VideoDecisions"/>).
/// </summary>
public static class ApprovalEndpoints
{
    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/v1/videos");
        videos.MapPost("/{id}/approve", (string id, HttpRequest http, ClaimsPrincipal user, VideoStatusReader reader, VideoDecisions decisions, AuditLog audit, TimeProvider time, CancellationToken ct) =>
            Decide(id, approve: true, http, user, reader, decisions, audit, time, ct)).RequireAuthorization(ApiKeyScopes.Approve);
        videos.MapPost("/{id}/reject", (string id, HttpRequest http, ClaimsPrincipal user, VideoStatusReader reader, VideoDecisions decisions, AuditLog audit, TimeProvider time, CancellationToken ct) =>
            Decide(id, approve: false, http, user, reader, decisions, audit, time, ct)).RequireAuthorization(ApiKeyScopes.Approve);
        return app;
    }

    private static async Task<IResult> Decide(string id, bool approve, HttpRequest http, ClaimsPrincipal user, VideoStatusReader reader,
        VideoDecisions decisions, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return VideoEndpoints.BadId(id);
        var (body, problem) = await VideoRequestBody.ReadAsync(http, DecisionBody.Parser(commentRequired: !approve), cancellationToken);
        if (problem is not null)
            return problem;
        var status = await reader.FindAsync(videoId, cancellationToken);
        if (status is null || !user.MaySee(status.Owner))
            return VideoEndpoints.NotFound(videoId);
        if (Refusal(status, body!) is { } refused)
            return refused;

        var round = status.Approval!;
        var by = user.Actor();
        var at = time.GetUtcNow();
        object decision = approve
            ? new ApproveVideo(videoId, body!.Role, by, body.Comment) { Point = round.Point, Version = round.Version, At = at }
            : new RejectVideo(videoId, body!.Role, by, body.Comment!) { Point = round.Point, Version = round.Version, At = at };
        await decisions.SendAsync(videoId, decision, cancellationToken);
        await audit.RecordAsync(by, approve ? AuditActions.VideoApproved : AuditActions.VideoRejected, videoId, round.Version,
            $"{round.Point}:{body.Role}", body.Comment, cancellationToken);
        var self = $"/v1/videos/{videoId}";
        return Results.Accepted(self, new
        {
            id = videoId,
            decision = approve ? "approved" : "rejected",
            role = body.Role,
            point = round.Point,
            version = round.Version,
            by,
            at,
            remainingRoles = approve ? round.RemainingRoles.Where(r => r != body.Role).ToArray() : round.RemainingRoles.ToArray(),
            links = new { self },
        });
    }

    /// <summary>Why this decision cannot count now, or null: the video must wait, for this role, at this point and version.</summary>
    private static IResult? Refusal(VideoStatus status, DecisionBody body)
    {
        if (status.State != VideoStages.AwaitingApproval || status.Approval is not { } round)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The video is not waiting for approval.",
                detail: $"It is in {status.State}; approve or reject while its state is {VideoStages.AwaitingApproval}.",
                extensions: new Dictionary<string, object?> { ["state"] = status.State, ["code"] = "not_awaiting_approval" });
        if (!round.Roles.Contains(body.Role, StringComparer.Ordinal))
            return Problems.Field("role", $"'{Problems.Echo(body.Role)}' is not an approver of this video; its request names {string.Join(", ", round.Roles)}.", "The decision is invalid.");
        if (body.Version is { } version && version != round.Version)
            return Problems.Field("version", $"The video waits on version {round.Version}, not {version}; look at version {round.Version} and decide again.", "The decision is for another version.", StatusCodes.Status409Conflict);
        if (body.Point is { } point && point != round.Point)
            return Problems.Field("point", $"The video waits at '{round.Point}', not '{Problems.Echo(point)}'.", "The decision is for another approval point.", StatusCodes.Status409Conflict);
        if (!round.RemainingRoles.Contains(body.Role, StringComparer.Ordinal))
            return Problems.Field("role", $"{body.Role} has already approved version {round.Version} at {round.Point}.", "This role has already decided.", StatusCodes.Status409Conflict);
        return null;
    }
}
