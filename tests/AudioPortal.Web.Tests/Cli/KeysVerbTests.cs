using System.Net;
using AudioPortal.Web.Cli;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Cli;

public sealed class KeysVerbTests : IDisposable
{
    private readonly AppFactory _app = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private Task<int> RunAsync(params string[] args) =>
        WebCli.RunAsync(args, _out, _err, new Dictionary<string, string?> { ["Data:Path"] = _app.DataPath });

    private async Task<string> CreateKeyAsync(params string[] extra)
    {
        _out.GetStringBuilder().Clear();
        Assert.Equal(0, await RunAsync(["keys", "create", "--email", "ops@example.test", "--name", "deploy", .. extra]));
        return _out.ToString().Trim();
    }

    [Fact]
    public async Task Create_prints_a_working_key_once_on_standard_output()
    {
        await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9");

        var key = await CreateKeyAsync();

        Assert.StartsWith("as_live_", key);
        Assert.Contains("shown only once", _err.ToString());
        using var client = _app.CreateClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/api-keys")).StatusCode);
    }

    [Fact]
    public async Task Create_with_scopes_and_test_makes_a_limited_test_key()
    {
        await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9");

        var key = await CreateKeyAsync("--scopes", "splits:read", "--test");

        Assert.StartsWith("as_test_", key);
        using var client = _app.CreateClientWithKey(key);
        await (await client.GetAsync("/api/v1/api-keys")).AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }

    [Fact]
    public async Task Revoke_ends_the_key_at_once()
    {
        await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9");
        var key = await CreateKeyAsync();
        var id = System.Text.RegularExpressions.Regex.Match(_err.ToString(), "key_[0-9a-z]+").Value;

        Assert.Equal(0, await RunAsync("keys", "revoke", "--id", id));

        using var client = _app.CreateClientWithKey(key);
        await (await client.GetAsync("/api/v1/api-keys")).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
    }

    [Fact]
    public async Task Unknown_accounts_keys_and_scopes_fail_with_exit_code_1()
    {
        await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9");

        Assert.Equal(1, await RunAsync("keys", "create", "--email", "nobody@example.test", "--name", "x"));
        Assert.Equal(1, await RunAsync("keys", "revoke", "--id", "key_missing"));
        Assert.Equal(1, await RunAsync("keys", "create", "--email", "ops@example.test", "--name", "x", "--scopes", "admin"));
        Assert.Contains("scopes:", _err.ToString());
    }

    public void Dispose() => _app.Dispose();
}
