using System.ComponentModel.DataAnnotations;
using AudioPortal.Core;

namespace AudioPortal.Web.Auth;

/// <summary>The <c>RateLimiting</c> section.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The fixed window; the plans' limits are per minute, tests shorten it.</summary>
    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Requests per window from one IP without credentials (token endpoint, signed downloads).</summary>
    [AtLeast(1)]
    public int AnonymousPerWindow { get; set; } = 60;

    /// <summary>Requests per window from one IP whose credentials were refused, so keys cannot be guessed quickly.</summary>
    [AtLeast(1)]
    public int FailedAuthPerWindow { get; set; } = 10;
}
