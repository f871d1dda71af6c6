using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Web.Auth;

/// <summary>The <c>Auth:Jwt</c> section: who issues access tokens, for whom, and for how long.</summary>
public sealed class JwtOptions
{
    [Required]
    public string Issuer { get; set; } = "audioportal";

    [Required]
    public string Audience { get; set; } = "audioportal-api";

    [Range(60, 86400)]
    public int LifetimeSeconds { get; set; } = 3600;
}
