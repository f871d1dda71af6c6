using System.Text.Encodings.Web;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Auth;

/// <summary>
/// <c>X-API-Key</c>: no header → no result (anonymous); a key that is unknown, revoked, rotated or expired →
/// failure carrying the catalog error, which the pipeline answers with (see <see cref="AuthPipeline"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyDirectory directory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AuthSchemes.ApiKeyHeader, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var result = await directory.AuthenticateAsync(values.ToString().Trim(), Context.RequestAborted);
        if (!result.TryGetValue(out var identity, out var error))
        {
            return AuthenticateResult.Fail(new AuthFailureException(error));
        }

        var principal = AuthClaims.Principal(Scheme.Name, identity.AccountId, CredentialKind.ApiKey, identity.Scopes, identity.PlanId, identity.KeyId, identity.IsTest);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthResponses.ChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthResponses.ForbidAsync(Context, null);
}
