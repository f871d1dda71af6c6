using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using Microsoft.Extensions.Time.Testing;

namespace AudioPortal.Core.Tests.ApiKeys;

public sealed class ApiKeyCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));
    private readonly ApiKeyCache _cache;
    private static readonly ApiKeyIdentity Identity = new("key_1", "usr_1", "plan_pro", Scopes.All, false);

    public ApiKeyCacheTests() => _cache = new ApiKeyCache(new ApiKeyCacheOptions { CacheSeconds = 5 }, _clock);

    [Fact]
    public void An_accepted_key_is_served_until_its_seconds_have_passed()
    {
        _cache.Store("h1", Identity, null, _cache.Generation);

        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.True(_cache.TryGet("h1", out var served));
        Assert.Same(Identity, served);

        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(_cache.TryGet("h1", out _));
    }

    [Fact]
    public void A_key_past_its_own_expiry_is_not_served_even_within_the_seconds()
    {
        _cache.Store("h1", Identity, _clock.GetUtcNow().AddSeconds(1), _cache.Generation);

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(_cache.TryGet("h1", out _));
    }

    [Fact]
    public void A_clear_forgets_every_entry()
    {
        _cache.Store("h1", Identity, null, _cache.Generation);
        _cache.Store("h2", Identity with { KeyId = "key_2" }, null, _cache.Generation);

        _cache.Clear();

        Assert.False(_cache.TryGet("h1", out _));
        Assert.False(_cache.TryGet("h2", out _));
    }

    [Fact]
    public void A_lookup_that_started_before_a_clear_is_not_stored()
    {
        var before = _cache.Generation;
        _cache.Clear(); // a revoke committed while the lookup was reading the old row

        _cache.Store("h1", Identity, null, before);

        Assert.False(_cache.TryGet("h1", out _));
    }

    [Fact]
    public void Zero_seconds_turns_the_cache_off()
    {
        var off = new ApiKeyCache(new ApiKeyCacheOptions { CacheSeconds = 0 }, _clock);

        off.Store("h1", Identity, null, off.Generation);

        Assert.False(off.Enabled);
        Assert.False(off.TryGet("h1", out _));
    }

    [Theory]
    [InlineData("UPDATE \"ApiKeys\" AS \"a\" SET \"RevokedAt\" = @p WHERE \"a\".\"Id\" = @id", true)]
    [InlineData("DELETE FROM \"AspNetUsers\" AS \"a\" WHERE \"a\".\"Id\" = @id", true)]
    [InlineData("INSERT INTO \"SplitJobs\" (\"Id\") VALUES (@p0);\nUPDATE \"AspNetUsers\" SET \"PlanId\" = @p1 WHERE \"Id\" = @p2 RETURNING 1;", true)]
    [InlineData("SELECT \"a\".\"Id\" FROM \"ApiKeys\" AS \"a\" INNER JOIN \"AspNetUsers\" AS \"u\" ON 1", false)]
    [InlineData("UPDATE \"SplitJobs\" SET \"Progress\" = @p WHERE \"Id\" = @id", false)]
    public void Writes_to_the_keys_or_accounts_tables_are_recognised(string sql, bool touches) =>
        Assert.Equal(touches, ApiKeyCacheInvalidator.TouchesCredentials(sql));
}
