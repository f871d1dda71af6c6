using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AudioPortal.Web.Hosting.Proxy;

/// <summary>
/// Which proxies in front of the server are believed when they say, in <c>X-Forwarded-For</c>/<c>-Proto</c>, who the
/// client is and whether it came over https (section <c>ReverseProxy</c>). Headers from anyone else are ignored, so a
/// client cannot claim https or another address by sending them itself.
/// </summary>
public sealed class ReverseProxyOptions : IValidatableObject
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Believe a proxy on the same machine (nginx or Caddy on 127.0.0.1/::1), the usual single-machine set-up.</summary>
    public bool TrustLoopback { get; set; } = true;

    /// <summary>How many proxies in a chain are unwound (one per trusted hop).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Strict-Transport-Security on https answers outside Development, in days; 0 sends none.</summary>
    [Range(0, 730)]
    public int HstsMaxAgeDays { get; set; } = 365;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"'{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"'{network}' is not a network in CIDR form (e.g. 10.0.0.0/24).", [nameof(KnownNetworks)]);
        }
    }
}
