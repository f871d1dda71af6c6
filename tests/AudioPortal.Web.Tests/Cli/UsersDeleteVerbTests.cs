using System.Net;
using AudioPortal.Web.Cli;
using AudioPortal.Web.Tests.Accounts;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Cli;

/// <summary><c>users delete</c>: an operator deletes an account exactly as its owner would from the portal or API.</summary>
public sealed class UsersDeleteVerbTests : IDisposable
{
    private readonly AccountsAppFactory _app = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    // The verb is another process than the server: a key the server authenticated in the last few seconds stays
    // in its cache (ApiKeys:CacheSeconds, 5 s by default) until then. Off here, so revocation shows at once.
    public UsersDeleteVerbTests() => _app.Settings["ApiKeys:CacheSeconds"] = "0";

    private Task<int> RunAsync(params string[] args) =>
        WebCli.RunAsync(args, _out, _err, new Dictionary<string, string?> { ["Data:Path"] = _app.DataPath });

    [Fact]
    public async Task Delete_with_the_confirmation_removes_the_files_revokes_the_keys_and_ends_sign_in()
    {
        var user = await _app.NewUserAsync();
        await user.CompletedJobAsync();
        Assert.True(Directory.Exists(_app.BlobFolder(user.Id)));

        var exit = await RunAsync("users", "delete", "--email", user.Account.Email, "--confirm", "DELETE MY ACCOUNT");

        Assert.True(exit == 0, _err.ToString());
        Assert.Contains("has been deleted", _out.ToString());
        Assert.False(Directory.Exists(_app.BlobFolder(user.Id)));
        await (await user.KeyClient.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
        await (await user.Jwt.GetAsync("/api/v1/billing")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Without_the_exact_confirmation_nothing_is_deleted_and_it_says_what_to_type()
    {
        var user = await _app.NewUserAsync();

        Assert.Equal(1, await RunAsync("users", "delete", "--email", user.Account.Email, "--confirm", "yes"));

        Assert.Contains("DELETE MY ACCOUNT", _err.ToString());
        Assert.Equal(HttpStatusCode.OK, (await user.KeyClient.GetAsync("/api/v1/splits")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_or_already_deleted_email_fails_with_exit_code_1()
    {
        var user = await _app.NewUserAsync();
        Assert.Equal(0, await RunAsync("users", "delete", "--email", user.Account.Email, "--confirm", "DELETE MY ACCOUNT"));

        Assert.Equal(1, await RunAsync("users", "delete", "--email", user.Account.Email, "--confirm", "DELETE MY ACCOUNT"));
        Assert.Equal(1, await RunAsync("users", "delete", "--email", "nobody@example.test", "--confirm", "DELETE MY ACCOUNT"));
        Assert.Contains("No account with email 'nobody@example.test'", _err.ToString());
    }

    public void Dispose() => _app.Dispose();
}
