using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core.Sources;

/// <summary>The <c>Sources</c> section: how source URLs are fetched.</summary>
public sealed class SourcesOptions
{
    /// <summary>Lets downloads reach loopback and private networks (tests, closed installations). Off by default.</summary>
    public bool AllowPrivateNetworks { get; set; }

    [PositiveDuration]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the server may stay silent (before headers or between body reads) before the download fails.</summary>
    [PositiveDuration]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The whole download — connecting, redirects, headers and body — must finish within this.</summary>
    [PositiveDuration]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The body must arrive at least this fast, measured over each <see cref="ThroughputWindow"/>; 0 turns the check off.</summary>
    [AtLeast(0)]
    public long MinBytesPerSecond { get; set; } = 10 * 1024;

    [PositiveDuration]
    public TimeSpan ThroughputWindow { get; set; } = TimeSpan.FromSeconds(30);
}
