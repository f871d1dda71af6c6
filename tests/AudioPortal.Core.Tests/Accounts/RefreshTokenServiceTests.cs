using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;

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

    public void Dispose() => _world.Dispose();
}
