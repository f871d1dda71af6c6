using System.Net;
using System.Text.RegularExpressions;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Hosting.Proxy;

/// <summary>
/// Behind a TLS proxy, over real HTTP on 127.0.0.1: a trusted proxy's X-Forwarded-Proto makes the sign-in cookie
/// Secure, redirects https and adds HSTS; the same header from an address that is not a known proxy changes nothing.
/// </summary>
public sealed partial class ReverseProxyTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Fact]
    public async Task A_trusted_proxys_https_gives_secure_cookies_https_redirects_and_hsts()
    {
        _app.Settings["ReverseProxy:TrustLoopback"] = "false";
        _app.Settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";

        var (signIn, redirect, hsts) = await BehindHttpsProxyAsync();

        Assert.Matches(SecureCookie(), signIn);
        Assert.StartsWith("https://", redirect);
        Assert.Contains("max-age=31536000", hsts);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        _app.Settings["ReverseProxy:TrustLoopback"] = "false";
        _app.Settings["ReverseProxy:KnownNetworks:0"] = "10.20.0.0/16";

        var (signIn, redirect, hsts) = await BehindHttpsProxyAsync();

        Assert.DoesNotMatch(SecureCookie(), signIn);
        Assert.StartsWith("http://", redirect);
        Assert.Empty(hsts);
    }

    [Theory]
    [InlineData("ReverseProxy:KnownProxies:0", "proxy.example.com")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0/99")]
    public void A_proxy_that_is_not_an_address_stops_the_start(string key, string value)
    {
        _app.Settings[key] = value;

        var failure = Record.Exception(() => _app.Server);

        Assert.Contains("ReverseProxy", failure?.ToString());
    }

    /// <summary>Signs in and opens a portal page signed out, every request saying it came over https.</summary>
    private async Task<(string SignInCookies, string Redirect, string Hsts)> BehindHttpsProxyAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        var account = await _app.CreateAccountAsync();
        using var client = Browser(cookies: true);

        var login = await client.PostFormAsync("/Account/Login", "login", new() { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var anonymous = Browser(cookies: false);
        var page = await anonymous.GetAsync("/dashboard");
        return (string.Join("\n", login.Headers.GetValues("Set-Cookie")), page.Headers.Location?.ToString() ?? "",
            login.Headers.TryGetValues("Strict-Transport-Security", out var hsts) ? string.Join(",", hsts) : "");
    }

    /// <summary>A plain client on the server's real address that shows redirects rather than following them (the test server's own client would follow to https).</summary>
    private HttpClient Browser(bool cookies)
    {
        using var probe = _app.CreateClient();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies }) { BaseAddress = probe.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Host = "audio.example.test"; // HSTS is never sent to localhost names
        return client;
    }

    [GeneratedRegex(@"^\.AudioPortal\.Session=[^\n]*;\s*secure", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex SecureCookie();

    public void Dispose() => _app.Dispose();
}
