using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using AiProd.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AiProd.Gateway.Security;

/// <summary>
/// Authenticates a stored API key (or the bootstrap key) from <c>Authorization: Bearer</c> or <c>X-Api-Key</c>. A
/// failure names the header in <see cref="AuthenticationProperties.Items"/> (<see cref="FieldItem"/>), so the 401 can.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyCache keys,
    IOptions<GatewayAuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string FieldItem = "field";
    public const string BootstrapOwner = "bootstrap";

    private readonly byte[]? _bootstrapHash = auth.Value.BootstrapKey is { Length: > 0 } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (secret, header, problem) = Credentials.Read(Request.Headers);
        if (problem is not null)
            return Fail(problem, header);
        if (secret is null)
            return AuthenticateResult.NoResult();

        if (_bootstrapHash is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), _bootstrapHash))
            return Success(BootstrapOwner, BootstrapOwner, [ApiKeyScopes.Admin]);

        var key = await keys.VerifyAsync(secret, Context.RequestAborted);
        if (key is null)
        {
            Logger.LogInformation("Refused an API key (id {KeyId}) from {Remote}", ApiKeySecrets.IdOf(secret) ?? "none", Context.Connection.RemoteIpAddress);
            return Fail($"The key in {header} is not a valid API key (unknown, revoked or mistyped).", header);
        }

        return Success(key.Id, key.Owner, key.Scopes);
    }

    private AuthenticateResult Success(string keyId, string owner, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(
            [new Claim(Caller.KeyIdClaim, keyId), new Claim(Caller.OwnerClaim, owner), new Claim(Caller.ScopeClaim, string.Join(' ', scopes))],
            SchemeName, Caller.OwnerClaim, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static AuthenticateResult Fail(string message, string header) =>
        AuthenticateResult.Fail(message, new AuthenticationProperties(new Dictionary<string, string?> { [FieldItem] = header }));
}
