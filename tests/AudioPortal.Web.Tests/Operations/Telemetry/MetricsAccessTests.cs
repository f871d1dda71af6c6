using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Operations.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>, over real HTTP on 127.0.0.1: a direct request from this machine when no token is set;
/// only the bearer of <c>Telemetry:MetricsToken</c> when one is; only on <c>Telemetry:MetricsPort</c> when that is set; never a request relayed from elsewhere, nor the portal
/// cookie or an API key. Everyone refused gets the same 404 as an unknown page.
/// </summary>
public sealed class MetricsAccessTests : IDisposable
{
    private const string Token = "metrics-token-0123456789";
    private readonly SplitsAppFactory _app = new();

    [Fact]
    public async Task Without_a_token_a_direct_request_from_this_machine_is_answered()
    {
        using var client = _app.AnonymousClient();

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_token_a_request_a_proxy_relays_from_another_address_is_a_404()
    {
        using var client = _app.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.SendAsync(request);

        await AssertNotFoundAsync(response);
    }

    [Fact]
    public async Task With_a_token_only_its_bearer_is_answered_even_from_this_machine()
    {
        _app.Settings["Telemetry:MetricsToken"] = Token;
        var account = await _app.NewAccountAsync();
        using var anonymous = _app.AnonymousClient();

        await AssertNotFoundAsync(await anonymous.GetAsync("/metrics"));
        await AssertNotFoundAsync(await account.Client.GetAsync("/metrics")); // an API key is not the token
        await AssertNotFoundAsync(await WithBearer(anonymous, Token + "x"));
        Assert.Equal(HttpStatusCode.OK, (await WithBearer(anonymous, Token)).StatusCode);
    }

    [Fact]
    public async Task With_a_token_a_signed_in_portal_cookie_is_a_404()
    {
        using var app = new AppFactory();
        app.Settings["Telemetry:MetricsToken"] = Token;
        var (portal, _) = await app.SignInAsync(await app.CreateAccountAsync());

        await AssertNotFoundAsync(await portal.GetAsync("/metrics"));
    }

    [Fact]
    public async Task With_a_metrics_port_only_requests_on_that_port_are_answered()
    {
        var (main, metricsPort) = (FreePort(), FreePort());
        using var app = new AppFactory();
        app.Settings["Telemetry:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        app.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, main);
            o.Listen(IPAddress.Loopback, metricsPort);
        });
        app.StartServer();
        using var client = new HttpClient();

        await AssertNotFoundAsync(await client.GetAsync($"http://127.0.0.1:{main}/metrics"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{metricsPort}/metrics")).StatusCode);
    }

    [Theory]
    [InlineData("Telemetry:MetricsToken", "short", "Telemetry:MetricsToken")]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317", "Telemetry:OtlpEndpoint")]
    [InlineData("Telemetry:OtlpProtocol", "udp", "Telemetry:OtlpProtocol")]
    [InlineData("Telemetry:MetricsPort", "70000", "Telemetry:MetricsPort")]
    public void A_bad_telemetry_setting_stops_the_start_naming_its_key(string key, string value, string named)
    {
        using var app = new AppFactory();
        app.Settings[key] = value;

        var failure = Record.Exception(() => app.Server);

        Assert.Contains(named, failure?.ToString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<HttpResponseMessage> WithBearer(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("audioportal_", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _app.Dispose();
}
