using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Accounts;

public sealed class AccountDeletionApiTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    [Fact]
    public async Task A_wrong_confirmation_is_invalid_params_and_changes_nothing()
    {
        var user = await app.NewUserAsync();

        foreach (var body in new object[] { new { confirmation = "delete my account" }, new { confirmation = "DELETE MY ACCOUNT " }, new { } })
        {
            var error = await (await DeleteAsync(user.Jwt, body)).AssertErrorAsync(HttpStatusCode.BadRequest, "INVALID_PARAMS");
            Assert.Equal("confirmation", error.GetProperty("details").GetProperty("fields")[0].GetProperty("field").GetString());
        }

        await (await user.Jwt.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/account"))).AssertErrorAsync(HttpStatusCode.BadRequest, "INVALID_PARAMS");
        Assert.Equal(HttpStatusCode.OK, (await user.KeyClient.GetAsync("/api/v1/splits")).StatusCode);
    }

    [Fact]
    public async Task An_api_key_cannot_delete_the_account()
    {
        var user = await app.NewUserAsync();

        await (await DeleteAsync(user.KeyClient, new { confirmation = AccountDeletionService.ConfirmationText })).AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Equal(HttpStatusCode.OK, (await user.KeyClient.GetAsync("/api/v1/splits")).StatusCode);
    }

    [Fact]
    public async Task An_active_paid_subscription_blocks_deletion_until_it_is_cancelled()
    {
        var user = await app.NewUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await user.Jwt.PutAsJsonAsync("/api/v1/billing/payment-method", new { type = "invoice" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await user.Jwt.PostAsJsonAsync("/api/v1/billing/subscribe", new { planId = "plan_starter" })).StatusCode);

        await (await DeleteAsync(user.Jwt, new { confirmation = AccountDeletionService.ConfirmationText })).AssertErrorAsync(HttpStatusCode.Conflict, "ACTIVE_SUBSCRIPTION");
        Assert.Equal(HttpStatusCode.OK, (await user.KeyClient.GetAsync("/api/v1/splits")).StatusCode);

        // Cancelled at the period's end: nothing more will be charged, so the account may go.
        Assert.Equal(HttpStatusCode.OK, (await user.Jwt.PostAsJsonAsync("/api/v1/billing/cancel", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DeleteAsync(user.Jwt, new { confirmation = AccountDeletionService.ConfirmationText })).StatusCode);
    }

    [Fact]
    public async Task After_deletion_keys_are_revoked_files_are_gone_and_sign_in_fails()
    {
        var user = await app.NewUserAsync();
        var jobId = (await user.CompletedJobAsync()).GetProperty("id").GetString()!;
        var export = await user.ExportAsync("json");
        var exportUrl = export.GetProperty("downloadUrl").GetString()!;
        Assert.NotEmpty(Directory.EnumerateFiles(app.BlobFolder(user.Id), "*", SearchOption.AllDirectories));
        var before = DateTimeOffset.UtcNow;

        var response = await DeleteAsync(user.Jwt, new { confirmation = AccountDeletionService.ConfirmationText });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
        var scheduled = body.GetProperty("deletionScheduledAt").GetDateTimeOffset();
        Assert.InRange(scheduled, before.AddDays(30).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30).AddMinutes(1));

        await (await user.KeyClient.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
        await (await user.Jwt.GetAsync("/api/v1/billing")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.False(Directory.Exists(app.BlobFolder(user.Id)));
        await (await app.AnonymousClient().GetAsync(exportUrl)).AssertErrorAsync(HttpStatusCode.Gone, "DOWNLOAD_EXPIRED");

        using var anonymous = app.AnonymousClient();
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Account.Email, password = user.Account.Password }))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // The portal's form sign-in goes through the same SignInManager checks.
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = (await users.FindByIdAsync(user.Id))!;
        var signIn = await scope.ServiceProvider.GetRequiredService<SignInManager<Account>>().CheckPasswordSignInAsync(account, user.Account.Password, lockoutOnFailure: false);
        Assert.False(signIn.Succeeded);
        Assert.True(signIn.IsLockedOut);

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var job = await db.Set<SplitJob>().IgnoreQueryFilters().SingleAsync(j => j.Id == jobId);
        Assert.NotNull(job.DeletedAt);
        Assert.NotNull(job.FilesDeletedAt);
        Assert.All(await db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.AccountId == user.Id).ToListAsync(), k => Assert.NotNull(k.RevokedAt));
    }

    [Fact]
    public async Task The_sweeper_erases_every_row_of_an_account_but_its_anonymised_billing_records_once_its_grace_period_is_over()
    {
        var gone = await app.NewUserAsync();
        var kept = await app.NewUserAsync();
        await gone.CompletedJobAsync();
        await gone.ExportAsync("csv");
        await kept.CompletedJobAsync();
        Assert.Equal(HttpStatusCode.OK, (await DeleteAsync(gone.Jwt, new { confirmation = AccountDeletionService.ConfirmationText })).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sweeper = scope.ServiceProvider.GetRequiredService<AccountSweeper>();

        await sweeper.SweepAsync(CancellationToken.None);
        Assert.Equal(gone.Account.Email, (await db.Users.AsNoTracking().SingleAsync(a => a.Id == gone.Id)).Email); // still within the grace period

        await db.Users.Where(a => a.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeletedAt, DateTimeOffset.UtcNow.AddDays(-31)));
        await sweeper.SweepAsync(CancellationToken.None);

        var erased = await db.Users.AsNoTracking().SingleAsync(a => a.Id == gone.Id);
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal(AccountAnonymiser.StandInEmail(gone.Id), erased.Email);
        Assert.Null(erased.PasswordHash);
        Assert.Equal(1, await db.Set<Core.Billing.UsageRecord>().IgnoreQueryFilters().CountAsync(u => u.AccountId == gone.Id));
        Assert.Equal(0, await db.Set<SplitJob>().IgnoreQueryFilters().CountAsync(j => j.AccountId == gone.Id));
        Assert.Equal(0, await db.Set<ApiKey>().IgnoreQueryFilters().CountAsync(k => k.AccountId == gone.Id));
        Assert.Equal(0, await db.Set<AccountExport>().IgnoreQueryFilters().CountAsync(e => e.AccountId == gone.Id));
        Assert.Equal(0, await db.Set<RefreshToken>().IgnoreQueryFilters().CountAsync(t => t.AccountId == gone.Id));
        Assert.Equal(1, await db.Set<SplitJob>().IgnoreQueryFilters().CountAsync(j => j.AccountId == kept.Id));
        Assert.Equal(HttpStatusCode.OK, (await kept.KeyClient.GetAsync("/api/v1/splits")).StatusCode);

        // The address is free again: the same person may sign up anew.
        var again = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(gone.Account.Email, "Correct-Horse-9", null);
        Assert.True(again.IsSuccess, again.Error?.ToString());
    }

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/account") { Content = JsonContent.Create(body) });
}
