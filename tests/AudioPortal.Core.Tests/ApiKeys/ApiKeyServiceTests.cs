using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.ApiKeys;

/// <summary>API keys: creation, scopes, authentication, revocation, on each database engine (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class ApiKeyServiceTests(TestEngine engine) : IDisposable
{
    private readonly AccountsWorld _world = new(engine: engine);

    public sealed class OnSqlite() : ApiKeyServiceTests(TestEngine.Sqlite);

    public sealed class OnPostgres() : ApiKeyServiceTests(TestEngine.Postgres), IOnPostgres;

    private Task<Result<IssuedApiKey>> Create(string accountId, CreateApiKey request) =>
        _world.RunAsync<ApiKeyService, Result<IssuedApiKey>>(accountId, s => s.CreateAsync(request));

    private Task<Result<ApiKeyIdentity>> Authenticate(string key) =>
        _world.RunAsync<ApiKeyDirectory, Result<ApiKeyIdentity>>(null, d => d.AuthenticateAsync(key));

    [DatabaseFact]
    public async Task A_created_key_gets_every_scope_when_none_are_given_and_authenticates_for_its_account()
    {
        var account = await _world.CreateAccountAsync();

        var created = await Create(account, new CreateApiKey("ci"));

        Assert.True(created.IsSuccess, created.Error?.ToString());
        Assert.Equal(Scopes.Ordered, created.Value.View.Scopes);
        var identity = await Authenticate(created.Value.Key);
        Assert.True(identity.IsSuccess);
        Assert.Equal(account, identity.Value.AccountId);
        Assert.Equal(created.Value.View.Id, identity.Value.KeyId);
        Assert.False(identity.Value.IsTest);
    }

    [DatabaseFact]
    public async Task The_secret_is_not_stored_only_its_hash_and_prefix()
    {
        var account = await _world.CreateAccountAsync();
        var created = await Create(account, new CreateApiKey("ci"));

        await using var scope = _world.Scope();
        var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ApiKey>().IgnoreQueryFilters().SingleAsync();
        Assert.Equal(KeyHasher.Hash(created.Value.Key), row.Hash);
        Assert.Equal(created.Value.Key[..16], row.Prefix);
        Assert.DoesNotContain(created.Value.Key[16..], row.Hash + row.Prefix + row.Name);
        Assert.Equal(row.Prefix + "…", created.Value.View.KeyPreview);
    }

    [DatabaseFact]
    public async Task The_free_plan_caps_active_keys_at_two_and_a_revoked_key_frees_a_place()
    {
        var account = await _world.CreateAccountAsync();
        var first = await Create(account, new CreateApiKey("one"));
        await Create(account, new CreateApiKey("two"));

        var third = await Create(account, new CreateApiKey("three"));

        Assert.False(third.IsSuccess);
        Assert.Equal("API_KEY_LIMIT_REACHED", third.Error.Code);
        Assert.Equal(2, third.Error.Details!["maxApiKeys"]);
        await _world.RunAsync<ApiKeyService, Result>(account, s => s.RevokeAsync(first.Value.View.Id));
        Assert.True((await Create(account, new CreateApiKey("three"))).IsSuccess);
    }

    [DatabaseFact]
    public async Task Invalid_names_scopes_and_expiry_are_listed_together()
    {
        var account = await _world.CreateAccountAsync();

        var created = await Create(account, new CreateApiKey(" ", ["splits:read", "admin"], _world.Clock.GetUtcNow().AddMinutes(-1)));

        Assert.False(created.IsSuccess);
        var fields = Assert.IsType<FieldError[]>(created.Error.Details!["fields"]);
        Assert.Equal(["name", "scopes", "expiresAt"], fields.Select(f => f.Field));
    }

    [DatabaseFact]
    public async Task A_revoked_key_answers_key_revoked_and_disappears_from_the_list()
    {
        var account = await _world.CreateAccountAsync();
        var created = await Create(account, new CreateApiKey("ci"));

        await _world.RunAsync<ApiKeyService, Result>(account, s => s.RevokeAsync(created.Value.View.Id));

        var used = await Authenticate(created.Value.Key);
        Assert.Equal("KEY_REVOKED", used.Error?.Code);
        var list = await _world.RunAsync<ApiKeyService, Result<IReadOnlyList<ApiKeyView>>>(account, s => s.ListAsync());
        Assert.Empty(list.Value);
        var get = await _world.RunAsync<ApiKeyService, Result<ApiKeyView>>(account, s => s.GetAsync(created.Value.View.Id));
        Assert.Equal("NOT_FOUND", get.Error?.Code);
    }

    [DatabaseFact]
    public async Task An_expired_key_answers_key_revoked_saying_it_expired()
    {
        var account = await _world.CreateAccountAsync();
        var created = await Create(account, new CreateApiKey("ci", ExpiresAt: _world.Clock.GetUtcNow().AddHours(1)));

        _world.Clock.Advance(TimeSpan.FromHours(1));

        var used = await Authenticate(created.Value.Key);
        Assert.Equal("KEY_REVOKED", used.Error?.Code);
        Assert.Contains("expired", used.Error!.Message);
    }

    [DatabaseFact]
    public async Task Rotation_keeps_the_id_and_scopes_and_the_old_secret_answers_key_revoked()
    {
        var account = await _world.CreateAccountAsync();
        var created = await Create(account, new CreateApiKey("ci", [Scopes.SplitsRead]));

        var rotated = await _world.RunAsync<ApiKeyService, Result<IssuedApiKey>>(account, s => s.RotateAsync(created.Value.View.Id));

        Assert.Equal(created.Value.View.Id, rotated.Value.View.Id);
        Assert.Equal([Scopes.SplitsRead], rotated.Value.View.Scopes);
        Assert.NotEqual(created.Value.Key, rotated.Value.Key);
        Assert.Equal(_world.Clock.GetUtcNow(), rotated.Value.View.RotatedAt);
        Assert.Equal("KEY_REVOKED", (await Authenticate(created.Value.Key)).Error?.Code);
        Assert.True((await Authenticate(rotated.Value.Key)).IsSuccess);
    }

    [DatabaseFact]
    public async Task An_unknown_key_is_unauthorized()
    {
        var used = await Authenticate(KeyHasher.Generate(false).Key);

        Assert.Equal("UNAUTHORIZED", used.Error?.Code);
    }

    [DatabaseFact]
    public async Task Another_accounts_key_is_not_found_for_every_operation()
    {
        var owner = await _world.CreateAccountAsync();
        var other = await _world.CreateAccountAsync();
        var id = (await Create(owner, new CreateApiKey("ci"))).Value.View.Id;

        Assert.Equal("NOT_FOUND", (await _world.RunAsync<ApiKeyService, Result<ApiKeyView>>(other, s => s.GetAsync(id))).Error?.Code);
        Assert.Equal("NOT_FOUND", (await _world.RunAsync<ApiKeyService, Result<ApiKeyView>>(other, s => s.UpdateAsync(id, new UpdateApiKey("x")))).Error?.Code);
        Assert.Equal("NOT_FOUND", (await _world.RunAsync<ApiKeyService, Result>(other, s => s.RevokeAsync(id))).Error?.Code);
        Assert.Equal("NOT_FOUND", (await _world.RunAsync<ApiKeyService, Result<IssuedApiKey>>(other, s => s.RotateAsync(id))).Error?.Code);
        Assert.Empty((await _world.RunAsync<ApiKeyService, Result<IReadOnlyList<ApiKeyView>>>(other, s => s.ListAsync())).Value);
    }

    [DatabaseFact]
    public async Task Update_changes_only_what_is_given_and_a_null_expiry_removes_it()
    {
        var account = await _world.CreateAccountAsync();
        var id = (await Create(account, new CreateApiKey("ci", ExpiresAt: _world.Clock.GetUtcNow().AddDays(1)))).Value.View.Id;

        var renamed = await _world.RunAsync<ApiKeyService, Result<ApiKeyView>>(account, s => s.UpdateAsync(id, new UpdateApiKey(Name: "deploy")));
        Assert.Equal("deploy", renamed.Value.Name);
        Assert.NotNull(renamed.Value.ExpiresAt);

        var cleared = await _world.RunAsync<ApiKeyService, Result<ApiKeyView>>(account, s => s.UpdateAsync(id, new UpdateApiKey(Scopes: [Scopes.SplitsWrite], SetExpiresAt: true)));
        Assert.Equal("deploy", cleared.Value.Name);
        Assert.Equal([Scopes.SplitsWrite], cleared.Value.Scopes);
        Assert.Null(cleared.Value.ExpiresAt);
        Assert.Equal(_world.Clock.GetUtcNow(), cleared.Value.UpdatedAt);
    }

    [DatabaseFact]
    public async Task Uses_are_counted_in_memory_shown_at_once_and_written_by_a_flush()
    {
        var account = await _world.CreateAccountAsync();
        var created = await Create(account, new CreateApiKey("ci"));
        for (var i = 0; i < 3; i++)
        {
            await Authenticate(created.Value.Key);
        }

        var before = await _world.RunAsync<ApiKeyService, Result<ApiKeyView>>(account, s => s.GetAsync(created.Value.View.Id));
        Assert.Equal(3, before.Value.UsageCount);
        Assert.Equal(_world.Clock.GetUtcNow(), before.Value.LastUsedAt);

        await using (var scope = _world.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(0, (await db.Set<ApiKey>().IgnoreQueryFilters().SingleAsync()).UsageCount);
            await _world.Usage.FlushAsync(db);
        }

        await using (var scope = _world.Scope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ApiKey>().IgnoreQueryFilters().SingleAsync();
            Assert.Equal(3, row.UsageCount);
            Assert.Equal(_world.Clock.GetUtcNow(), row.LastUsedAt);
        }

        var after = await _world.RunAsync<ApiKeyService, Result<ApiKeyView>>(account, s => s.GetAsync(created.Value.View.Id));
        Assert.Equal(3, after.Value.UsageCount);
    }

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }
}
