using System.Net;
using System.Net.Sockets;
using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Sources;

/// <summary>Resolves host names; replaced in tests so no real DNS is consulted.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>Opens the TCP connection to an address the guard has approved; replaced in tests to record and refuse.</summary>
public delegate ValueTask<Stream> Connector(IPEndPoint endPoint, CancellationToken cancellationToken);

/// <summary>Thrown inside the connect callback when a request would reach a blocked address.</summary>
public sealed class BlockedAddressException(string message) : HttpRequestException(message);

/// <summary>
/// The SSRF guard of every outbound request. URLs must be absolute http(s); host names are resolved once, and
/// the connection is made to an address that was checked (so DNS rebinding between check and connect cannot
/// slip through). The check runs in <see cref="SocketsHttpHandler.ConnectCallback"/>, so redirects and
/// retries pass the same gate.
/// </summary>
public sealed class AddressGuard(IHostResolver resolver, Connector? connector = null)
{
    public IHostResolver Resolver => resolver;

    /// <summary>Shape check: absolute, http or https, a host, no credentials.</summary>
    public static Result<Uri> ParseUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return ErrorCatalog.InvalidUrl.WithMessage("The URL is not a valid absolute URL.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return ErrorCatalog.InvalidUrl.WithMessage($"Only http and https URLs are accepted, not {uri.Scheme}.");
        }

        if (string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return ErrorCatalog.InvalidUrl.WithMessage("The URL must name a host and carry no credentials.");
        }

        return uri;
    }

    /// <summary>
    /// Shape plus address check, as done when a job is created. A host that cannot be resolved now passes (the
    /// download reports it); one that resolves to any blocked address is refused.
    /// </summary>
    public async Task<Result<Uri>> CheckUrlAsync(string? url, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var parsed = ParseUrl(url);
        if (!parsed.IsSuccess || allowPrivateNetworks)
        {
            return parsed;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await ResolveAllowedAsync(parsed.Value.IdnHost, allowPrivateNetworks, timeout.Token);
            return parsed;
        }
        catch (BlockedAddressException e)
        {
            return ErrorCatalog.InvalidUrl.WithMessage(e.Message);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return parsed;
        }
    }

    /// <summary>The addresses of <paramref name="host"/>; throws <see cref="BlockedAddressException"/> if any is blocked.</summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var literal = host.Trim('[', ']');
        var addresses = IPAddress.TryParse(literal, out var ip) ? [ip] : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"The host {host} has no addresses.");
        }

        if (!allowPrivateNetworks && addresses.FirstOrDefault(AddressPolicy.IsBlocked) is { } blocked)
        {
            throw new BlockedAddressException($"The host {host} resolves to {blocked}, a private or reserved address, which is not allowed.");
        }

        return addresses;
    }

    /// <summary>
    /// An HTTP handler whose every connection goes through the guard. It follows no redirects itself: callers
    /// follow them by hand (re-checking the scheme) so a redirect cannot leave http(s).
    /// </summary>
    public SocketsHttpHandler CreateHandler(bool allowPrivateNetworks, TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.None,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await ResolveAllowedAsync(context.DnsEndPoint.Host, allowPrivateNetworks, cancellationToken);
            var endPoint = new IPEndPoint(addresses[0], context.DnsEndPoint.Port);
            return connector is null ? await ConnectSocketAsync(endPoint, cancellationToken) : await connector(endPoint, cancellationToken);
        },
    };

    private static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="exception"/> (or an inner one) is the guard refusing an address.</summary>
    public static BlockedAddressException? FindBlocked(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BlockedAddressException blocked)
            {
                return blocked;
            }
        }

        return null;
    }
}
