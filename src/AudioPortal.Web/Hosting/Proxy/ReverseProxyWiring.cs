using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Hosting.Proxy;

/// <summary>
/// Running behind a TLS-terminating proxy: the forwarded scheme and client address of trusted proxies are applied
/// first in the pipeline, so cookies are Secure, redirects and links are https, and rate limits and logs see the real
/// client; HSTS is sent on https answers. (The portal's circuit needs WebSockets passed through: README.)
/// </summary>
public static class ReverseProxyWiring
{
    public static WebApplicationBuilder AddReverseProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSectionOptions<ReverseProxyOptions>(ReverseProxyOptions.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) => Apply(forwarded, proxy.Value));
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<ReverseProxyOptions>>((hsts, proxy) =>
            hsts.MaxAge = TimeSpan.FromDays(proxy.Value.HstsMaxAgeDays));
        return builder;
    }

    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<ReverseProxyOptions>().HstsMaxAgeDays > 0)
        {
            app.UseHsts();
        }

        return app;
    }

    private static void Apply(ForwardedHeadersOptions forwarded, ReverseProxyOptions proxy)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.ForwardLimit = proxy.ForwardLimit;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        if (proxy.TrustLoopback)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
            forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
        }

        foreach (var address in proxy.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(address));
        }

        foreach (var network in proxy.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
