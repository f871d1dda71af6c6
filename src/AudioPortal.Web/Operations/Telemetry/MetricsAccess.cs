using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AudioPortal.Web.Operations.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>. With <see cref="TelemetryOptions.MetricsPort"/> set, only requests on that port; with
/// <see cref="TelemetryOptions.MetricsToken"/> set, only requests carrying it as a bearer token; with neither, only a
/// direct connection from this machine (loopback, and no proxy's forwarding headers — a request relayed by a proxy on
/// this machine came from elsewhere). The portal cookie and API keys never admit anyone. A refusal is a plain 404.
/// </summary>
public static class MetricsAccess
{
    public static bool Allows(HttpContext context, TelemetryOptions options)
    {
        if (options.MetricsPort is { } port && context.Connection.LocalPort != port)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(options.MetricsToken))
        {
            return HasBearer(context.Request, options.MetricsToken);
        }

        return options.MetricsPort is not null || IsDirectFromThisMachine(context);
    }

    private static bool HasBearer(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashes of equal length, compared in constant time: neither the token nor its length leaks through timing.
        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(sent, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    private static bool IsDirectFromThisMachine(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For")
        && !context.Request.Headers.ContainsKey("X-Original-For")
        && !context.Request.Headers.ContainsKey("Forwarded");
}
