using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AudioPortal.Web.Hosting;

/// <summary>
/// Absolute links for mail (password reset, confirmation), which carry secrets and so must never point at whatever
/// host a request claims to be for. In order: <c>PublicBaseUrl</c>; else the request's host when <c>AllowedHosts</c>
/// names it (host filtering has already refused other hosts); else, in Development only, a loopback host. Otherwise
/// there is no trustworthy address and <see cref="Absolute"/> answers the path alone — the mail names no host.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IHostEnvironment environment, IOptionsMonitor<HostFilteringOptions> hostFiltering)
{
    /// <summary>The link to <paramref name="pathAndQuery"/> (starting with '/'), absolute when a trusted base is known, else the path alone.</summary>
    public string Absolute(HttpRequest request, string pathAndQuery) =>
        (TrustedBase(request) is { } baseUrl ? baseUrl.TrimEnd('/') : "") + pathAndQuery;

    /// <summary>Whether mail links have a trusted address without looking at a request (false: the start-up warning).</summary>
    public bool HasConfiguredAddress => Configured() is not null || NamedHosts().Count > 0;

    private string? TrustedBase(HttpRequest request)
    {
        if (Configured() is { } configured)
        {
            return configured;
        }

        var host = request.Host;
        if (!host.HasValue)
        {
            return null;
        }

        var named = NamedHosts();
        var trusted = named.Count > 0
            ? HostString.MatchesAny(host.Host, named)
            : environment.IsDevelopment() && IsLoopback(host.Host);
        return trusted ? $"{request.Scheme}://{host.ToUriComponent()}{request.PathBase.ToUriComponent()}" : null;
    }

    private string? Configured() => PublicBaseUrl.Read(configuration, "Splits") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : null;

    /// <summary>The host patterns of <c>AllowedHosts</c>; empty when it is unset or allows any host (<c>*</c>).</summary>
    private List<StringSegment> NamedHosts()
    {
        var hosts = hostFiltering.CurrentValue.AllowedHosts;
        return hosts.Count == 0 || hosts.Any(h => h == "*") ? [] : [.. hosts.Select(h => new StringSegment(h))];
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
