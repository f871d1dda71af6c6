using System.Security.Claims;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;

namespace AudioPortal.Web.Auth;

/// <summary>The authentication schemes and the claims they put on the principal.</summary>
public static class AuthSchemes
{
    /// <summary>The default: picks the API key, JWT or portal cookie scheme from what the request carries.</summary>
    public const string Default = "AudioPortal";

    public const string ApiKey = "ApiKey";

    public const string Jwt = "Jwt";

    public const string ApiKeyHeader = "X-API-Key";
}

/// <summary>Claim types beyond the standard ones.</summary>
public static class AuthClaims
{
    public const string Scope = "scope";
    public const string Credential = "cred";
    public const string ApiKeyId = "key_id";
    public const string TestKey = "test";
    public const string PlanId = "plan";

    public static ClaimsPrincipal Principal(string scheme, string accountId, CredentialKind credential, IEnumerable<string> scopes,
        string? planId, string? apiKeyId = null, bool test = false, IEnumerable<Claim>? extra = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, accountId),
            new(Credential, credential.ToString()),
        };
        claims.AddRange(scopes.Select(s => new Claim(Scope, s)));
        if (planId is not null)
        {
            claims.Add(new Claim(PlanId, planId));
        }

        if (apiKeyId is not null)
        {
            claims.Add(new Claim(ApiKeyId, apiKeyId));
        }

        if (test)
        {
            claims.Add(new Claim(TestKey, "true"));
        }

        claims.AddRange(extra ?? []);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Fills the scoped current account from an authenticated principal (cookie principals hold every scope).</summary>
    public static void Apply(ClaimsPrincipal user, CurrentAccount current)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } accountId)
        {
            return;
        }

        var credential = Enum.TryParse<CredentialKind>(user.FindFirstValue(Credential), out var kind) ? kind : CredentialKind.Portal;
        var scopes = credential == CredentialKind.ApiKey
            ? user.FindAll(Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal)
            : Scopes.All;
        current.Set(accountId, scopes, user.HasClaim(TestKey, "true"), credential, user.FindFirstValue(ApiKeyId));
    }
}

/// <summary>Carries the catalog error of a failed authentication to whoever answers the request.</summary>
public sealed class AuthFailureException(AppError error) : Exception(error.Message)
{
    public AppError Error { get; } = error;
}
