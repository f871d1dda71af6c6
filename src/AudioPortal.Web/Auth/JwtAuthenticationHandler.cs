using System.Text.Encodings.Web;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Auth;

/// <summary>
/// <c>Authorization: Bearer</c>: a bad signature, algorithm, issuer or audience, or an <c>nbf</c> still ahead → UNAUTHORIZED; past <c>exp</c> →
/// TOKEN_EXPIRED; a deleted or disabled account or a changed password (security stamp) → UNAUTHORIZED. A JWT holds every scope, and an
/// admin's also <see cref="Scopes.Admin"/>.
/// </summary>
public sealed class JwtAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JwtIssuer issuer,
    AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await issuer.ValidateAsync(header["Bearer ".Length..].Trim());
        if (token is null)
        {
            return Fail(ErrorCatalog.Unauthorized.WithMessage("The access token is not valid."));
        }

        if (issuer.IsNotYetValid(token))
        {
            return Fail(ErrorCatalog.Unauthorized.WithMessage("The access token is not valid yet."));
        }

        if (issuer.IsExpired(token))
        {
            return Fail(ErrorCatalog.TokenExpired.ToError());
        }

        var standing = await accounts.GetStandingAsync(token.AccountId, Context.RequestAborted);
        if (standing is null || (token.SecurityStamp is not null && token.SecurityStamp != standing.SecurityStamp))
        {
            return Fail(ErrorCatalog.Unauthorized.WithMessage("The access token is no longer valid; sign in again."));
        }

        // The operator console's scope follows the account's role now, not when the token was issued.
        IEnumerable<string> scopes = standing.IsAdmin ? [.. Scopes.Ordered, Scopes.Admin] : Scopes.Ordered;
        var principal = AuthClaims.Principal(Scheme.Name, standing.AccountId, CredentialKind.Jwt, scopes, standing.PlanId);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthResponses.ChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthResponses.ForbidAsync(Context, null);

    private static AuthenticateResult Fail(AppError error) => AuthenticateResult.Fail(new AuthFailureException(error));
}
