using System.Security.Claims;
using AudioPortal.Core.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AudioPortal.Web.Auth;

/// <summary>An access token and its lifetime in seconds.</summary>
public sealed record AccessToken(string Token, int ExpiresIn);

/// <summary>Issues and validates the API's RS256 access tokens, on the host's clock (tests use a fake one).</summary>
public sealed class JwtIssuer(JwtSigningKey key, IOptions<JwtOptions> options, TimeProvider clock)
{
    public const string StampClaim = "sstamp";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessToken Issue(string accountId, string? securityStamp)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = options.Value.LifetimeSeconds;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = accountId,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            [AuthClaims.Scope] = string.Join(' ', Scopes.Ordered),
        };
        if (securityStamp is not null)
        {
            claims[StampClaim] = securityStamp;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(lifetime),
            SigningCredentials = key.Credentials,
        });
        return new AccessToken(token, lifetime);
    }

    /// <summary>
    /// Checks signature (RS256 with our key only: <c>alg: none</c> and other keys fail), issuer and audience.
    /// Expiry and not-before are checked separately by the caller on the host's clock, so a forged token is never "expired".
    /// </summary>
    public async Task<ValidatedToken?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = options.Value.Audience,
            IssuerSigningKey = key.SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = false,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || !jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var subject))
        {
            return null;
        }

        jwt.TryGetPayloadValue<string>(StampClaim, out var stamp);
        // ValidFrom is DateTime.MinValue when the token has no nbf claim: then it is valid from the start.
        return new ValidatedToken(subject, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), stamp, new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero));
    }

    public bool IsExpired(ValidatedToken token) => token.ExpiresAt <= clock.GetUtcNow();

    /// <summary>A token whose <c>nbf</c> is still ahead on the host's clock (no leeway: we issue with nbf = now).</summary>
    public bool IsNotYetValid(ValidatedToken token) => token.NotBefore > clock.GetUtcNow();
}

/// <summary>The facts of a token whose signature, issuer and audience are good.</summary>
public sealed record ValidatedToken(string AccountId, DateTimeOffset ExpiresAt, string? SecurityStamp, DateTimeOffset NotBefore);
