using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using AudioPortal.Core.Accounts;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Auth;

/// <summary>
/// API keys and access tokens belong to the JSON API: on every portal page, every <c>/portal/*</c> endpoint and the
/// Blazor hub they count for nothing, so a request carrying only one is answered exactly as a signed-out visitor is.
/// Pages and endpoints are enumerated from the app itself, so a new page is covered without touching this file.
/// </summary>
public sealed partial class ApiCredentialsOnPortalTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>Every routable Razor component's <c>@page</c> template, with route parameters filled in.</summary>
    public static TheoryData<string> PageRoutes()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => RouteParameter().Replace(r.Template, "x1"))
            .Distinct()
            .Order(StringComparer.Ordinal);
        return [.. routes];
    }

    public static TheoryData<string> Credentials() => ["full key", "read-only key", "test key", "jwt"];

    [Fact]
    public void The_page_enumeration_finds_the_portal_pages()
    {
        var routes = PageRoutes().Cast<object[]>().Select(r => (string)r[0]).ToList();

        Assert.Contains("/keys", routes);
        Assert.Contains("/jobs/x1", routes);
        Assert.Contains("/Account/Login", routes);
    }

    [Theory]
    [MemberData(nameof(PageRoutes))]
    public async Task Every_page_answers_an_api_credential_exactly_as_it_answers_a_signed_out_visitor(string route)
    {
        using var anonymous = Browser();
        var signedOut = await anonymous.GetAsync(route);

        foreach (var credential in (string[])["full key", "read-only key", "test key", "jwt"])
        {
            using var browser = Browser();
            await AddCredentialAsync(browser, credential);

            var response = await browser.GetAsync(route);

            Assert.True(signedOut.StatusCode == response.StatusCode, $"{route} with a {credential}: {response.StatusCode}, signed out: {signedOut.StatusCode}");
            Assert.Equal(signedOut.Headers.Location, response.Headers.Location);
            Assert.DoesNotContain("/Account/Logout", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/keys")]
    [InlineData("/webhooks")]
    [InlineData("/billing")]
    [InlineData("/settings")]
    public async Task A_private_page_with_only_an_api_key_redirects_to_sign_in(string route)
    {
        using var browser = Browser();
        await AddCredentialAsync(browser, "read-only key");

        var response = await browser.GetAsync(route);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task Every_portal_endpoint_refuses_an_api_credential_as_unauthorized(string credential)
    {
        var endpoints = PortalEndpoints();
        Assert.NotEmpty(endpoints);

        foreach (var (method, path) in endpoints)
        {
            using var anonymous = Browser();
            var signedOut = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent([1, 2, 3]) });
            using var browser = Browser();
            await AddCredentialAsync(browser, credential);

            var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent([1, 2, 3]) });

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with a {credential}: {response.StatusCode}");
            Assert.Equal(ErrorOf(await signedOut.Content.ReadAsStringAsync()), ErrorOf(await response.Content.ReadAsStringAsync()));
        }
    }

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task The_blazor_hub_refuses_to_negotiate_on_an_api_credential(string credential)
    {
        using var browser = Browser();
        await AddCredentialAsync(browser, credential);

        var response = await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_blazor_hub_still_negotiates_for_a_visitor_without_credentials()
    {
        using var browser = Browser();

        var response = await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Every endpoint mapped under /portal, with its methods and route parameters filled in.</summary>
    private List<(string Method, string Path)> PortalEndpoints() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("portal/", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), "inv_x1"))))];

    /// <summary>The envelope's code and message (its request id differs per request).</summary>
    private static string ErrorOf(string body)
    {
        var error = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error");
        return $"{error.GetProperty("code").GetString()}: {error.GetProperty("message").GetString()}";
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task AddCredentialAsync(HttpClient browser, string credential)
    {
        var account = await factory.CreateAccountAsync();
        if (credential == "jwt")
        {
            browser.DefaultRequestHeaders.Authorization = new("Bearer", (await factory.GetTokensAsync(account)).AccessToken);
            return;
        }

        var (_, key) = await factory.CreateKeyAsync(account.Id, credential == "read-only key" ? [Scopes.SplitsRead] : null, test: credential == "test key");
        browser.DefaultRequestHeaders.Add("X-API-Key", key);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
