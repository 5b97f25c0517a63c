using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiProd.Auth;
using AiProd.Collaboration.Audit;
using AiProd.Contracts;
using AiProd.Gateway.Input;
using AiProd.Gateway.Security;
using AiProd.Orchestration;

namespace AiProd.Gateway;

/// <summary>
/// The current version's plan: <c>GET /v1/videos/{id}/plan</c> (<c>videos:read</c>) with its <c>ETag</c>, and
/// <c>PATCH</c> (<c>videos:submit</c>) with <c>If-Match</c> that ETag (428 without it, 412 when the plan changed
/// since). A plan is editable while the video waits for approval or is complete (409 otherwise: a running stage would
/// race the edit). The edit is sent to the saga as <see cref="EditPlan"/> and becomes the next version.
/// </summary>
public static class PlanEndpoints
{
    private static readonly string[] EditableStates = [VideoStages.AwaitingApproval, VideoStages.Complete];

    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/videos/{id}/plan", Get).RequireAuthorization(ApiKeyScopes.Read);
        app.MapPatch("/v1/videos/{id}/plan", Edit).RequireAuthorization(ApiKeyScopes.Submit);
        return app;
    }

    private static async Task<IResult> Get(string id, HttpResponse response, ClaimsPrincipal user, VideoStatusReader reader, CancellationToken cancellationToken)
    {
        var (plan, problem) = await Load(id, user, reader, cancellationToken);
        if (problem is not null)
            return problem;
        response.Headers.ETag = plan!.ETag;
        return Results.Ok(View(plan));
    }

    private static async Task<IResult> Edit(string id, HttpRequest http, ClaimsPrincipal user, VideoStatusReader reader, VideoDecisions decisions, AuditLog audit, CancellationToken cancellationToken)
    {
        var (plan, problem) = await Load(id, user, reader, cancellationToken);
        if (problem is not null)
            return problem;
        var ifMatch = http.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
            return Problems.Field("If-Match", $"Send If-Match with the plan's ETag (GET /v1/videos/{plan!.VideoId}/plan answers it).", "If-Match is required.", StatusCodes.Status428PreconditionRequired);
        if (ifMatch.Split(',').Select(t => t.Trim()).All(t => t != plan!.ETag && t != "*"))
            return Problems.Field("If-Match", "The plan changed since that ETag was read; GET it again and apply your edit to it.", "The plan changed.", StatusCodes.Status412PreconditionFailed);
        if (!EditableStates.Contains(plan!.State, StringComparer.Ordinal))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The plan cannot be edited now.",
                detail: $"The video is in {plan.State}; a plan is edited while the video waits for approval or once it is complete.",
                extensions: new Dictionary<string, object?> { ["state"] = plan.State });

        var (body, bad) = await VideoRequestBody.ReadAsync(http, PlanEditBody.Parse, cancellationToken);
        if (bad is not null)
            return bad;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < body!.Scenes.Count; i++)
            if (plan.Direction?.Scenes.All(s => s.Index != body.Scenes[i].SceneIndex) != false)
                errors[$"scenes[{i}].sceneIndex"] = [$"The plan has no scene {body.Scenes[i].SceneIndex}."];
        for (var i = 0; i < body.Shots.Count; i++)
            if (plan.Shots.All(s => s.ShotId != body.Shots[i].ShotId))
                errors[$"shots[{i}].shotId"] = [$"'{Problems.Echo(body.Shots[i].ShotId)}' is not a shot of version {plan.Version}."];
        if (errors.Count > 0)
            return Problems.Invalid(errors, "The plan edit is invalid.");
        var edit = body with { VideoId = plan.VideoId, By = user.Actor() };
        edit = edit with { Version = plan.Version, At = DateTimeOffset.UtcNow };
        if (AiProd.Saga.Decisions.PlanEdits.Apply(plan.Direction, plan.Shots, edit) is null)
            return Problems.Field("body", "The edit changes nothing in the current plan.", "The plan edit is invalid.");

        await decisions.SendAsync(plan.VideoId, edit, cancellationToken);
        await audit.RecordAsync(user.Actor(), AuditActions.PlanEdited, plan.VideoId, plan.Version, detail: Describe(edit), cancellationToken: cancellationToken);
        return Results.Accepted($"/v1/videos/{plan.VideoId}", new { id = plan.VideoId, editedVersion = plan.Version, nextVersion = plan.Version + 1, links = new { self = $"/v1/videos/{plan.VideoId}", plan = $"/v1/videos/{plan.VideoId}/plan" } });
    }

    private sealed record Plan(Guid VideoId, string State, int Version, CreativeDirection? Direction, IReadOnlyList<Shot> Shots, string ETag);

    private static async Task<(Plan?, IResult?)> Load(string id, ClaimsPrincipal user, VideoStatusReader reader, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return (null, VideoEndpoints.BadId(id));
        var status = await reader.FindAsync(videoId, cancellationToken);
        if (status is null || !user.MaySee(status.Owner) || await reader.VersionsAsync(videoId, cancellationToken) is not { } found)
            return (null, VideoEndpoints.NotFound(videoId));
        if (found.Versions.FirstOrDefault(v => v.Current) is not { Shots.Count: > 0 } current)
            return (null, Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The video has no plan yet.",
                detail: $"It is in {status.State}; its plan exists once Visual has planned the shots.", extensions: new Dictionary<string, object?> { ["state"] = status.State }));
        return (new Plan(videoId, status.State, current.Number, current.Direction, current.Shots, ETagOf(current.Number, current.Direction, current.Shots)), null);
    }

    /// <summary>A strong ETag over the version number and the plan's content.</summary>
    internal static string ETagOf(int version, CreativeDirection? direction, IReadOnlyList<Shot> shots)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(new { version, scenes = direction?.Scenes, shots });
        return $"\"v{version}-{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
    }

    private static object View(Plan p) => new
    {
        id = p.VideoId,
        p.State,
        p.Version,
        scenes = p.Direction?.Scenes.Select(s => new { sceneIndex = s.Index, s.Description, s.Camera, s.DurationSeconds }),
        shots = p.Shots.Select(s => new { s.ShotId, s.SceneIndex, s.Order, prompt = s.Description, camera = s.Movement, s.Framing, s.DurationSeconds }),
        eTag = p.ETag,
    };

    private static string Describe(EditPlan edit) =>
        string.Join("; ", edit.Scenes.Select(s => $"scene {s.SceneIndex}: {s.Description}").Concat(edit.Shots.Select(Describe)));

    private static string Describe(ShotEdit shot)
    {
        var parts = new List<string>();
        if (shot.Prompt is not null)
            parts.Add("prompt " + shot.Prompt);
        if (shot.Camera is not null)
            parts.Add("camera " + shot.Camera);
        if (shot.DurationSeconds is { } seconds)
            parts.Add(seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s");
        return $"shot {shot.ShotId}: {string.Join(", ", parts)}";
    }
}
