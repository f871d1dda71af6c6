using System.Net;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AudioPortal.Web.Tests.Admin;

/// <summary>The console's portal pages over HTTP: an admin's sign-in cookie opens them; anything else is a 404 page.</summary>
public sealed class AdminPortalTests(AppFactory factory) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Pages() => ["/admin", "/admin/queue", "/admin/accounts", "/admin/webhooks", "/admin/errors"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anyone_but_a_signed_in_admin_gets_the_not_found_page(string page)
    {
        var admin = await factory.CreateAdminAsync();
        var callers = new Dictionary<string, HttpClient>
        {
            ["none"] = Browser(),
            ["customer cookie"] = (await factory.SignInAsync(await factory.CreateAccountAsync())).Client,
            ["admin's api key"] = Browser(),
            ["admin's jwt"] = Browser(),
        };
        callers["admin's api key"].DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, (await factory.CreateKeyAsync(admin.Id)).Key);
        callers["admin's jwt"].DefaultRequestHeaders.Authorization = new("Bearer", (await factory.GetTokensAsync(admin)).AccessToken);

        foreach (var (caller, client) in callers)
        {
            var response = await client.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{page} for {caller}: {response.StatusCode}");
            Assert.Contains("Page not found", html);
            Assert.DoesNotContain("Operator console", html);
            client.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_signed_in_admin_gets_the_page(string page)
    {
        var (client, _) = await factory.SignInAsync(await factory.CreateAdminAsync());

        var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Operator console", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_an_admins_menu_links_the_console()
    {
        var (admin, _) = await factory.SignInAsync(await factory.CreateAdminAsync());
        var (customer, _) = await factory.SignInAsync(await factory.CreateAccountAsync());

        Assert.Contains("href=\"/admin\"", await admin.GetStringAsync("/dashboard"));
        Assert.DoesNotContain("href=\"/admin\"", await customer.GetStringAsync("/dashboard"));
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
