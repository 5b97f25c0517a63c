using Microsoft.AspNetCore.Authorization;

namespace AiProd.Gateway.Security;

/// <summary>The request needs <see cref="Scope"/> (or admin).</summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

/// <summary>Grants a <see cref="ScopeRequirement"/> to a caller holding the scope or admin.</summary>
public sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.HasScope(requirement.Scope))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
