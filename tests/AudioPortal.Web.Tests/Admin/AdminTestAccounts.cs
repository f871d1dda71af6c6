using AudioPortal.Core.Accounts;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Admin;

/// <summary>Admins for the console's tests, made as the <c>users set-role</c> verb makes them (through <see cref="AccountService"/>).</summary>
public static class AdminTestAccounts
{
    public static async Task<TestAccount> CreateAdminAsync<T>(this WebApplicationFactory<T> factory)
        where T : class
    {
        var account = await factory.CreateAccountAsync();
        await factory.SetRoleAsync(account, AccountRoles.Admin);
        return account;
    }

    public static async Task SetRoleAsync<T>(this WebApplicationFactory<T> factory, TestAccount account, string role)
        where T : class
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var changed = await scope.ServiceProvider.GetRequiredService<AccountService>().SetRoleAsync(account.Email, role);
        Assert.True(changed.IsSuccess, changed.Error?.ToString());
    }

    /// <summary>A client that sends a fresh access token of <paramref name="account"/>.</summary>
    public static async Task<HttpClient> TokenClientAsync<T>(this WebApplicationFactory<T> factory, TestAccount account)
        where T : class => factory.CreateClientWithToken((await factory.GetTokensAsync(account)).AccessToken);
}
