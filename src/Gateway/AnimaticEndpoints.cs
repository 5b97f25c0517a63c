using System.Security.Claims;
using AiProd.Assets;
using AiProd.Auth;
using AiProd.Contracts;
using AiProd.Gateway.Input;
using AiProd.Gateway.Security;
using AiProd.Orchestration;

namespace AiProd.Gateway;

/// <summary>
/// <c>GET /v1/videos/{id}/animatic</c> (scope <c>videos:read</c>, the caller's own videos): the storyboard's cheap
/// local preview, made by the render worker when the video starts waiting at the storyboard (<see cref="RenderAnimatic"/>).
/// <c>?version=n</c> picks a version; the current one by default. A 404 names <c>id</c> (or <c>version</c>) while
/// there is none, with <c>Retry-After</c> while one is being made.
/// </summary>
public static class AnimaticEndpoints
{
    public static IEndpointRouteBuilder MapAnimaticEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/videos/{id}/animatic", Get).RequireAuthorization(ApiKeyScopes.Read);
        return app;
    }

    private static async Task<IResult> Get(string id, string? version, ClaimsPrincipal user, VideoStatusReader reader, IAssetStore assets, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var videoId))
            return VideoEndpoints.BadId(id);
        var status = await reader.FindAsync(videoId, cancellationToken);
        if (status is null || !user.MaySee(status.Owner))
            return VideoEndpoints.NotFound(videoId);
        var number = status.Version;
        if (version is not null && (!int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) || number < 1))
            return Problems.Field("version", $"'{Problems.Echo(version)}' is not a version number (1, 2 …).", "The version is invalid.");

        if (await assets.FindAsync(videoId, RenderAnimatic.AssetName(number), cancellationToken) is { } uri)
            return Results.Stream(await assets.OpenReadAsync(uri, cancellationToken), "video/mp4", $"{videoId}-animatic-v{number}.mp4", enableRangeProcessing: true);

        var making = status.Approval is { Point: ApprovalPoints.Storyboard } waiting && waiting.Version == number;
        if (making)
            response.Headers.RetryAfter = "1";
        return Problems.Field(version is null ? "id" : "version",
            making
                ? $"The animatic of version {number} is being made; ask again in a moment."
                : $"Version {number} of video {videoId} has no animatic: one is made only when a video waits for approval at the storyboard.",
            "No animatic.", StatusCodes.Status404NotFound);
    }
}
