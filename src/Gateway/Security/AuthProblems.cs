using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AiProd.Gateway.Security;

/// <summary>
/// Answers a request that authorization refused with problem details instead of an empty body: 401 (no or a bad
/// credential, with <c>WWW-Authenticate: Bearer</c>) naming the header, or 403 naming the scope that is missing.
/// </summary>
public sealed class AuthProblems : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            // The handlers cache their result per request, so this reads what the authentication middleware saw.
            var result = await context.AuthenticateAsync();
            var field = (result.Properties?.Items.TryGetValue(ApiKeyAuthenticationHandler.FieldItem, out var named) == true ? named : null) ?? Credentials.AuthorizationHeader;
            var sent = result.Failure is not null;
            context.Response.Headers.WWWAuthenticate = sent ? "Bearer error=\"invalid_token\"" : "Bearer";
            var message = result.Failure?.Message
                ?? $"Send an API key as '{Credentials.AuthorizationHeader}: Bearer <key>' or '{Credentials.ApiKeyHeader}: <key>'.";
            await Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, statusCode: StatusCodes.Status401Unauthorized,
                title: sent ? "The credential was refused." : "A credential is required.").ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var scopes = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(r => r.Scope).ToArray() ?? [];
            var needed = scopes.Length > 0 ? string.Join(", ", scopes) : "another scope";
            await Results.ValidationProblem(
                new Dictionary<string, string[]> { [Credentials.AuthorizationHeader] = [$"This credential lacks the scope {needed}; ask an administrator for a key with it."] },
                statusCode: StatusCodes.Status403Forbidden, title: "The credential may not do this.",
                extensions: new Dictionary<string, object?> { ["requiredScope"] = scopes.FirstOrDefault() }).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
