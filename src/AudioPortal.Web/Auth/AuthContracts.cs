namespace AudioPortal.Web.Auth;

/// <summary>The JSON shapes of <c>/api/v1/auth</c> (API.md §2).</summary>
public static class AuthContracts
{
    public sealed record TokenRequest(string? Email, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    /// <summary>An access token (<c>expiresIn</c> seconds) and the refresh token that replaces the one redeemed.</summary>
    public sealed record TokenDto(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);
}
