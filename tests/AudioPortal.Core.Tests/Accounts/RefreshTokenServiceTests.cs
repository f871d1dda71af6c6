using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Accounts;

public sealed class RefreshTokenServiceTests : IDisposable
{
    private readonly AccountsWorld _world = new();

    private Task<Result<IssuedRefreshToken>> Redeem(string token) =>
        _world.RunAsync<RefreshTokenService, Result<IssuedRefreshToken>>(null, s => s.RedeemAsync(token));

    [Fact]
    public async Task A_refresh_token_is_exchanged_once_for_a_new_one()
    {
        var account = await _world.CreateAccountAsync();
        var first = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));

        var second = await Redeem(first.Token);

        Assert.True(second.IsSuccess);
        Assert.Equal(account, second.Value.AccountId);
        Assert.NotEqual(first.Token, second.Value.Token);
        Assert.True((await Redeem(second.Value.Token)).IsSuccess);
    }

    [Fact]
    public async Task Reusing_a_rotated_token_revokes_the_whole_family()
    {
        var account = await _world.CreateAccountAsync();
        var first = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));
        var second = await Redeem(first.Token);

        var reuse = await Redeem(first.Token);

        Assert.Equal("UNAUTHORIZED", reuse.Error?.Code);
        Assert.Equal("UNAUTHORIZED", (await Redeem(second.Value.Token)).Error?.Code);
    }

    [Fact]
    public async Task Another_family_survives_a_reuse()
    {
        var account = await _world.CreateAccountAsync();
        var stolen = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));
        var laptop = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));
        await Redeem(stolen.Token);
        await Redeem(stolen.Token);

        Assert.True((await Redeem(laptop.Token)).IsSuccess);
    }

    [Fact]
    public async Task An_expired_or_unknown_refresh_token_is_unauthorized()
    {
        var account = await _world.CreateAccountAsync();
        var token = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));

        _world.Clock.Advance(RefreshTokenService.Lifetime);

        Assert.Equal("UNAUTHORIZED", (await Redeem(token.Token)).Error?.Code);
        Assert.Equal("UNAUTHORIZED", (await Redeem("rt_nothing")).Error?.Code);
    }

    [Fact]
    public async Task A_refresh_token_issued_under_another_security_stamp_is_refused_and_ends_the_accounts_tokens()
    {
        var account = await _world.CreateAccountAsync();
        var token = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));

        // Behind Identity's back, as a restored backup or another tool might: only the stored stamp can tell.
        await using (var scope = _world.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Account>().Where(a => a.Id == account)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.SecurityStamp, "another-stamp"));
        }

        Assert.Equal("UNAUTHORIZED", (await Redeem(token.Token)).Error?.Code);
        Assert.All(await TokensOf(account), t => Assert.NotNull(t.RevokedAt));
    }

    [Fact]
    public async Task A_stale_token_presented_after_a_new_sign_in_does_not_end_the_new_sessions_token()
    {
        var account = await _world.CreateAccountAsync();
        var stale = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));
        await using (var scope = _world.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Account>().Where(a => a.Id == account)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.SecurityStamp, "another-stamp"));
        }

        var fresh = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));

        Assert.Equal("UNAUTHORIZED", (await Redeem(stale.Token)).Error?.Code);
        Assert.True((await Redeem(fresh.Token)).IsSuccess);
    }

    [Fact]
    public async Task Updating_the_security_stamp_through_identity_revokes_every_refresh_token_of_the_account()
    {
        var account = await _world.CreateAccountAsync();
        var other = await _world.CreateAccountAsync();
        await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));
        await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));
        var survivor = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(other));

        await using (var scope = _world.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(account))!)).Succeeded);
        }

        var tokens = await TokensOf(account);
        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, t => Assert.NotNull(t.RevokedAt));
        Assert.True((await Redeem(survivor.Token)).IsSuccess);
    }

    [Fact]
    public async Task A_locked_out_account_cannot_refresh_until_the_lockout_ends()
    {
        var account = await _world.CreateAccountAsync();
        var token = await _world.RunAsync<RefreshTokenService, IssuedRefreshToken>(null, s => s.IssueAsync(account));
        await using (var scope = _world.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Account>().Where(a => a.Id == account)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LockoutEnd, _world.Clock.GetUtcNow().AddMinutes(5)));
        }

        Assert.Equal("UNAUTHORIZED", (await Redeem(token.Token)).Error?.Code);

        _world.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True((await Redeem(token.Token)).IsSuccess);
    }

    private async Task<List<RefreshToken>> TokensOf(string accountId)
    {
        await using var scope = _world.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<RefreshToken>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.AccountId == accountId).ToListAsync();
    }

    public void Dispose() => _world.Dispose();
}
