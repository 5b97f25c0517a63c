using System.Security.Claims;
using System.Text;
using AiProd.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace AiProd.Gateway.Security;

/// <summary>Authentication (API keys, optionally JWT bearer tokens) and one authorization policy per scope.</summary>
public static class GatewayAuth
{
    /// <summary>The scheme every request is authenticated with: it forwards to the JWT handler or the API key handler.</summary>
    public const string CredentialScheme = "Credential";
    public const string JwtScheme = "Jwt";

    public static IHostApplicationBuilder AddGatewayAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(GatewayAuthOptions.Section);
        var options = section.Get<GatewayAuthOptions>() ?? new GatewayAuthOptions();
        services.AddOptions<GatewayAuthOptions>().Bind(section)
            .Validate(o => !o.Problems().Any(), string.Join(" ", options.Problems()))
            .ValidateOnStart();
        services.AddApiKeyStore(builder.Configuration);
        services.AddSingleton(sp => new ApiKeyCache(sp.GetRequiredService<ApiKeys>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayAuthOptions>>().Value.KeyCacheDuration));

        var jwt = options.Jwt;
        var authentication = services.AddAuthentication(CredentialScheme)
            .AddPolicyScheme(CredentialScheme, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
                jwt.IsEnabled && Credentials.Read(context.Request.Headers) is { Secret: { } secret, Header: Credentials.AuthorizationHeader } && Credentials.LooksLikeJwt(secret)
                    ? JwtScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (jwt.IsEnabled)
            authentication.AddJwtBearer(JwtScheme, o => ConfigureJwt(o, jwt));

        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in ApiKeyScopes.All)
            authorization.AddPolicy(scope, p => p.AddAuthenticationSchemes(CredentialScheme).RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
        services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthProblems>();
        return builder;
    }

    private static void ConfigureJwt(JwtBearerOptions o, JwtAuthOptions jwt)
    {
        // Claims keep their JWT names (sub, scope, scp): no mapping to long URIs.
        o.MapInboundClaims = false;
        o.Audience = jwt.Audience;
        if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            o.Authority = jwt.Authority;
            o.RequireHttpsMetadata = new Uri(jwt.Authority).Scheme == Uri.UriSchemeHttps || !new Uri(jwt.Authority).IsLoopback;
        }

        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateIssuer = jwt.Issuer is not null || jwt.Authority is not null,
            ValidIssuer = jwt.Issuer ?? jwt.Authority,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            NameClaimType = Caller.OwnerClaim,
            IssuerSigningKey = string.IsNullOrWhiteSpace(jwt.SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey)),
        };
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (string.IsNullOrWhiteSpace(context.Principal?.FindFirstValue(Caller.OwnerClaim)))
                    context.Fail("The bearer token has no 'sub' claim, so it names no owner.");
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                // The library's own message names its internals (IDX codes, key ids): the caller gets a plain one.
                context.Fail(new SecurityTokenException("The bearer token is not valid: expired, not yet valid, or not signed by the configured issuer for this audience."));
                return Task.CompletedTask;
            },
        };
    }
}
