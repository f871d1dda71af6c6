using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using static AudioPortal.Web.Auth.AuthContracts;

namespace AudioPortal.Web.Auth;

/// <summary><c>POST /api/v1/auth/token</c> and <c>/refresh</c>: access tokens (1 h, RS256) with rotating refresh tokens.</summary>
[ApiController]
[Route("api/v1/auth")]
[AllowAnonymous]
public sealed class AuthController(AccountService accounts, RefreshTokenService refreshTokens, JwtIssuer issuer) : ControllerBase
{
    [HttpPost("token")]
    [Consumes("application/json")]
    [EndpointSummary("Sign in: exchange an email and password for tokens")]
    [ProducesResponseType<TokenDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status401Unauthorized)]
    public async Task<IActionResult> Token([FromBody] TokenRequest body, CancellationToken cancellationToken)
    {
        var missing = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body.Email))
        {
            missing.Add(new FieldError("email", "Required."));
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            missing.Add(new FieldError("password", "Required."));
        }

        if (missing.Count > 0)
        {
            return ErrorCatalog.InvalidParams.WithDetails(new Dictionary<string, object?> { ["fields"] = missing }, "email and password are required.").ToActionResult();
        }

        var account = await accounts.VerifyPasswordAsync(body.Email, body.Password);
        if (!account.TryGetValue(out var signedIn, out var error))
        {
            return error.ToActionResult();
        }

        var refresh = await refreshTokens.IssueAsync(signedIn.Id, cancellationToken);
        return Tokens(signedIn.Id, signedIn.SecurityStamp, refresh.Token);
    }

    [HttpPost("refresh")]
    [Consumes("application/json")]
    [EndpointSummary("Exchange a refresh token for new tokens")]
    [ProducesResponseType<TokenDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status401Unauthorized)]
    public async Task<IActionResult> Refresh([FromBody] RefreshRequest body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.RefreshToken))
        {
            return ErrorCatalog.InvalidParams.WithDetails(
                new Dictionary<string, object?> { ["fields"] = new[] { new FieldError("refreshToken", "Required.") } }, "refreshToken is required.").ToActionResult();
        }

        var redeemed = await refreshTokens.RedeemAsync(body.RefreshToken, cancellationToken);
        if (!redeemed.TryGetValue(out var next, out var error))
        {
            return error.ToActionResult();
        }

        var standing = await accounts.GetStandingAsync(next.AccountId, cancellationToken);
        if (standing is null)
        {
            await refreshTokens.RevokeAllAsync(next.AccountId, cancellationToken);
            return ErrorCatalog.Unauthorized.WithMessage("The account no longer exists.").ToActionResult();
        }

        return Tokens(standing.AccountId, standing.SecurityStamp, next.Token);
    }

    private OkObjectResult Tokens(string accountId, string? stamp, string refreshToken)
    {
        var access = issuer.Issue(accountId, stamp);
        return Ok(new TokenDto(access.Token, "Bearer", access.ExpiresIn, refreshToken));
    }
}
