namespace AudioPortal.Web.Auth;

/// <summary>The <c>Auth:Jwt</c> section: who issues access tokens, for whom, and for how long.</summary>
public sealed class JwtOptions
{
    public string Issuer { get; set; } = "audioportal";

    public string Audience { get; set; } = "audioportal-api";

    public int LifetimeSeconds { get; set; } = 3600;
}
