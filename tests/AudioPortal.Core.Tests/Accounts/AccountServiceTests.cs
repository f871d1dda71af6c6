using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Tests.Accounts;

public sealed class AccountServiceTests : IDisposable
{
    private readonly AccountsWorld _world = new();

    private Task<Result<Account>> Create(string? email, string? password, string? plan = null) =>
        _world.RunAsync<AccountService, Result<Account>>(null, s => s.CreateAsync(email, password, plan));

    [Fact]
    public async Task A_new_account_starts_on_the_free_plan_with_a_webhook_secret()
    {
        var created = await Create("ada@example.test", "Correct-Horse-9");

        Assert.True(created.IsSuccess, created.Error?.ToString());
        Assert.StartsWith("usr_", created.Value.Id);
        Assert.Equal(PlanCatalog.FreePlanId, created.Value.PlanId);
        Assert.StartsWith("whsec_", created.Value.WebhookSecret);
        Assert.Equal(_world.Clock.GetUtcNow(), created.Value.CreatedAt);
    }

    [Fact]
    public async Task Two_accounts_get_different_webhook_secrets()
    {
        var a = await Create("a@example.test", "Correct-Horse-9");
        var b = await Create("b@example.test", "Correct-Horse-9");

        Assert.NotEqual(a.Value.WebhookSecret, b.Value.WebhookSecret);
    }

    [Fact]
    public async Task An_email_already_registered_is_refused_on_the_email_field()
    {
        await Create("ada@example.test", "Correct-Horse-9");

        var again = await Create("ada@example.test", "Another-Horse-9");

        Assert.Equal(422, again.Error?.Status);
        Assert.Contains(Assert.IsType<FieldError[]>(again.Error!.Details!["fields"]), f => f.Field == "email");
    }

    [Fact]
    public async Task A_weak_password_is_refused_on_the_password_field()
    {
        var created = await Create("ada@example.test", "short");

        Assert.Equal(422, created.Error?.Status);
        Assert.All(Assert.IsType<FieldError[]>(created.Error!.Details!["fields"]), f => Assert.Equal("password", f.Field));
    }

    [Fact]
    public async Task An_unknown_plan_is_plan_not_found()
    {
        Assert.Equal("PLAN_NOT_FOUND", (await Create("ada@example.test", "Correct-Horse-9", "plan_gold")).Error?.Code);
    }

    [Fact]
    public async Task Set_plan_moves_the_account_to_the_named_plan()
    {
        await Create("ada@example.test", "Correct-Horse-9");

        var moved = await _world.RunAsync<AccountService, Result<Account>>(null, s => s.SetPlanAsync("ada@example.test", "plan_pro"));

        Assert.Equal("plan_pro", moved.Value.PlanId);
        Assert.Equal("NOT_FOUND", (await _world.RunAsync<AccountService, Result<Account>>(null, s => s.SetPlanAsync("nobody@example.test", "plan_pro"))).Error?.Code);
    }

    [Fact]
    public async Task Password_checks_lock_the_account_after_repeated_failures()
    {
        await Create("ada@example.test", "Correct-Horse-9");

        for (var i = 0; i < 3; i++)
        {
            var wrong = await _world.RunAsync<AccountService, Result<Account>>(null, s => s.VerifyPasswordAsync("ada@example.test", "wrong-password"));
            Assert.Equal("UNAUTHORIZED", wrong.Error?.Code);
        }

        var locked = await _world.RunAsync<AccountService, Result<Account>>(null, s => s.VerifyPasswordAsync("ada@example.test", "Correct-Horse-9"));
        Assert.Equal("UNAUTHORIZED", locked.Error?.Code);
        Assert.Contains("locked", locked.Error!.Message);
    }

    [Fact]
    public async Task The_right_password_verifies()
    {
        var created = await Create("ada@example.test", "Correct-Horse-9");

        var verified = await _world.RunAsync<AccountService, Result<Account>>(null, s => s.VerifyPasswordAsync("ada@example.test", "Correct-Horse-9"));

        Assert.Equal(created.Value.Id, verified.Value.Id);
    }

    public void Dispose() => _world.Dispose();
}
