using System.Globalization;
using System.Security.Claims;
using AiProd.Assets;
using AiProd.Auth;
using AiProd.Gateway.Input;
using AiProd.Gateway.Security;
using AiProd.Orchestration;

namespace AiProd.Gateway;

/// <summary>
/// The versions of a video (scope <c>videos:read</c>, the caller's own videos): <c>GET /v1/videos/{id}/versions</c>
/// (each with its figures and decisions), <c>/versions/{n}</c> (its whole content: scenes, shots, estimate, QA, approvals),
/// <c>/versions/{n}/content</c> (its video, once one was composed) and <c>/versions/diff?from=1&amp;to=2</c> (what changed).
/// </summary>
public static class VersionEndpoints
{
    public static IEndpointRouteBuilder MapVersionEndpoints(this IEndpointRouteBuilder app)
    {
        var versions = app.MapGroup("/v1/videos/{id}/versions").RequireAuthorization(ApiKeyScopes.Read);
        versions.MapGet("/", List);
        versions.MapGet("/diff", Diff);
        versions.MapGet("/{number}", Get);
        versions.MapGet("/{number}/content", Content);
        return app;
    }

    private static async Task<IResult> List(string id, ClaimsPrincipal user, VideoStatusReader reader, CancellationToken cancellationToken)
    {
        var (versions, problem) = await Load(id, user, reader, cancellationToken);
        return problem ?? Results.Ok(new
        {
            items = versions!.Select(v => new
            {
                version = v.Number,
                v.Current,
                v.Outcome,
                scenes = v.Direction?.Scenes.Count ?? 0,
                shots = v.Shots.Count,
                estimatedUsd = v.Estimate?.EstimatedUsd,
                v.CostUsd,
                technicalQaPassed = v.TechnicalQa?.Passed,
                semanticScore = v.SemanticQa?.Overall.Score,
                v.Approvals,
                v.StartedAt,
                v.EndedAt,
                links = Links(id, v),
            }),
        });
    }

    private static async Task<IResult> Get(string id, string number, ClaimsPrincipal user, VideoStatusReader reader, CancellationToken cancellationToken)
    {
        var (versions, problem) = await Load(id, user, reader, cancellationToken);
        if (problem is not null)
            return problem;
        var (version, missing) = Pick(versions!, number, "number");
        return missing ?? Results.Ok(new
        {
            version = version!.Number,
            version.Current,
            version.Outcome,
            version.Direction,
            version.Shots,
            version.Estimate,
            version.CostUsd,
            version.DurationSeconds,
            version.TechnicalQa,
            version.SemanticQa,
            version.Approvals,
            version.StartedAt,
            version.EndedAt,
            links = Links(id, version),
        });
    }

    private static async Task<IResult> Content(string id, string number, ClaimsPrincipal user, VideoStatusReader reader, IAssetStore assets, CancellationToken cancellationToken)
    {
        var (versions, problem) = await Load(id, user, reader, cancellationToken);
        if (problem is not null)
            return problem;
        var (version, missing) = Pick(versions!, number, "number");
        if (missing is not null)
            return missing;
        if (version!.AssetUri is null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This version has no video.",
                detail: $"Version {version.Number} was not composed (it was replaced before rendering, or it is still being made).");
        return Results.Stream(await assets.OpenReadAsync(version.AssetUri, cancellationToken), "video/mp4", $"{id}-v{version.Number}.mp4", enableRangeProcessing: true);
    }

    private static async Task<IResult> Diff(string id, HttpRequest http, ClaimsPrincipal user, VideoStatusReader reader, CancellationToken cancellationToken)
    {
        var (versions, problem) = await Load(id, user, reader, cancellationToken);
        if (problem is not null)
            return problem;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var picked = new Dictionary<string, VersionView>(StringComparer.Ordinal);
        foreach (var name in new[] { "from", "to" })
        {
            var values = http.Query[name];
            if (values.Count != 1)
            {
                errors[name] = [$"{name} is required once: a version number (1–{versions!.Count})."];
                continue;
            }

            var (version, _) = Pick(versions!, values[0]!, name);
            if (version is null)
                errors[name] = [$"'{Problems.Echo(values[0]!)}' is not a version of this video; it has versions 1–{versions!.Count}."];
            else
                picked[name] = version;
        }

        return errors.Count > 0
            ? Problems.Invalid(errors, "The diff query is invalid.")
            : Results.Ok(VersionDiff.Between(picked["from"], picked["to"]));
    }

    private static async Task<(IReadOnlyList<VersionView>? Versions, IResult? Problem)> Load(string id, ClaimsPrincipal user, VideoStatusReader reader, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return (null, VideoEndpoints.BadId(id));
        if (await reader.VersionsAsync(videoId, cancellationToken) is not { } found || !user.MaySee(found.Owner))
            return (null, VideoEndpoints.NotFound(videoId));
        return (found.Versions, null);
    }

    private static (VersionView? Version, IResult? Problem) Pick(IReadOnlyList<VersionView> versions, string number, string field)
    {
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && versions.FirstOrDefault(v => v.Number == n) is { } version)
            return (version, null);
        return (null, Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such version.",
            detail: $"'{Problems.Echo(number)}' is not a version of this video; it has {versions.Count} version(s), numbered from 1.",
            extensions: new Dictionary<string, object?> { ["field"] = field }));
    }

    private static object Links(string id, VersionView version)
    {
        var self = $"/v1/videos/{id}/versions/{version.Number}";
        return new { self, content = version.AssetUri is null ? null : $"{self}/content" };
    }
}
