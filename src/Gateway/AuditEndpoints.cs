using System.Globalization;
using AiProd.Auth;
using AiProd.Collaboration.Audit;
using AiProd.Gateway.Input;

namespace AiProd.Gateway;

/// <summary><c>GET /v1/audit?videoId=&amp;limit=</c> (scope <c>admin</c>): the audit trail, newest first. Nothing edits it.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/audit", List).RequireAuthorization(ApiKeyScopes.Admin);
        return app;
    }

    private static async Task<IResult> List(HttpRequest http, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Guid? videoId = null;
        var limit = 100;
        foreach (var (name, values) in http.Query)
        {
            if (name is not ("videoId" or "limit"))
                errors[Problems.Echo(name)] = ["Not a parameter of the audit trail; use videoId, limit."];
            else if (values.Count != 1)
                errors[name] = ["Give it once."];
            else if (name == "videoId")
            {
                if (Guid.TryParse(values[0], out var id))
                    videoId = id;
                else
                    errors[name] = ["videoId must be a video id (a UUID)."];
            }
            else if (!int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > AuditLog.MaxPage)
                errors[name] = [$"limit must be a whole number from 1 to {AuditLog.MaxPage}."];
        }

        if (errors.Count > 0)
            return Problems.Invalid(errors, "The audit query is invalid.");
        return Results.Ok(new { items = await audit.ListAsync(videoId, limit, cancellationToken) });
    }
}
