using AudioPortal.Web.Cli;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Cli;

public sealed class UsersVerbTests : IDisposable
{
    private readonly AppFactory _app = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private Task<int> RunAsync(params string[] args) =>
        WebCli.RunAsync(args, _out, _err, new Dictionary<string, string?> { ["Data:Path"] = _app.DataPath });

    [Fact]
    public async Task Create_makes_an_account_on_the_free_plan_that_can_get_a_token()
    {
        Assert.Equal(0, await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9"));

        Assert.Contains("on plan_free", _out.ToString());
        var tokens = await _app.GetTokensAsync(new TestAccount("", "ops@example.test", "Correct-Horse-9"));
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
    }

    [Fact]
    public async Task Create_with_a_plan_and_set_plan_move_the_account()
    {
        Assert.Equal(0, await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9", "--plan", "plan_starter"));
        Assert.Contains("on plan_starter", _out.ToString());

        Assert.Equal(0, await RunAsync("users", "set-plan", "--email", "ops@example.test", "--plan", "plan_pro"));
        Assert.Contains("now on plan_pro", _out.ToString());
    }

    [Fact]
    public async Task A_taken_email_and_a_weak_password_fail_with_exit_code_1_and_say_why()
    {
        await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9");

        Assert.Equal(1, await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9"));
        Assert.Contains("email:", _err.ToString());
        Assert.Equal(1, await RunAsync("users", "create", "--email", "new@example.test", "--password", "short"));
        Assert.Contains("password:", _err.ToString());
    }

    [Fact]
    public async Task Set_plan_to_an_unknown_plan_or_for_an_unknown_user_fails()
    {
        await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9");

        Assert.Equal(1, await RunAsync("users", "set-plan", "--email", "ops@example.test", "--plan", "plan_gold"));
        Assert.Contains("No plan 'plan_gold'", _err.ToString());
        Assert.Equal(1, await RunAsync("users", "set-plan", "--email", "nobody@example.test", "--plan", "plan_pro"));
        Assert.Contains("No account", _err.ToString());
    }

    [Fact]
    public async Task Set_role_admin_opens_the_operator_console_to_the_account_and_set_role_user_closes_it()
    {
        await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9");
        var account = new TestAccount("", "ops@example.test", "Correct-Horse-9");

        Assert.Equal(0, await RunAsync("users", "set-role", "--email", "ops@example.test", "--role", "admin"));
        Assert.Contains("ops@example.test is now admin", _out.ToString());
        using (var admin = _app.CreateClientWithToken((await _app.GetTokensAsync(account)).AccessToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/api/v1/admin/queue")).StatusCode);
        }

        Assert.Equal(0, await RunAsync("users", "set-role", "--email", "ops@example.test", "--role", "user"));
        using var customer = _app.CreateClientWithToken((await _app.GetTokensAsync(account)).AccessToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await customer.GetAsync("/api/v1/admin/queue")).StatusCode);
    }

    [Fact]
    public async Task Set_role_to_an_unknown_role_fails_and_names_the_roles()
    {
        await RunAsync("users", "create", "--email", "ops@example.test", "--password", "Correct-Horse-9");

        Assert.Equal(1, await RunAsync("users", "set-role", "--email", "ops@example.test", "--role", "root"));
        Assert.Contains("role: Unknown role 'root'. Must be one of: user, admin.", _err.ToString());
    }

    [Fact]
    public async Task A_missing_option_is_a_usage_error()
    {
        Assert.Equal(2, await RunAsync("users", "create", "--email", "ops@example.test"));
        Assert.Contains("--password is required", _err.ToString());
    }

    public void Dispose() => _app.Dispose();
}
