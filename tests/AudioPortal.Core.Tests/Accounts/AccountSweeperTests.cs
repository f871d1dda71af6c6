using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Tests.Splits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AudioPortal.Core.Tests.Accounts;

/// <summary>
/// A deleted account through its windows, on a fake clock over a real database (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>):
/// everything kept through the grace period (30 days), then erased but for its invoices and usage records, which stay
/// without personal data for 7 years after the deletion.
/// </summary>
public abstract class AccountSweeperTests(TestEngine engine)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public sealed class OnSqlite() : AccountSweeperTests(TestEngine.Sqlite);

    public sealed class OnPostgres() : AccountSweeperTests(TestEngine.Postgres), IOnPostgres;

    [DatabaseFact]
    public async Task A_deleted_account_keeps_everything_through_its_grace_period_then_only_its_billing_records_stay_without_personal_data()
    {
        await using var services = new SplitsTestServices(engine: engine);
        var gone = await CustomerAsync(services, "leaving@example.test");
        var kept = await CustomerAsync(services, "staying@example.test");
        await DeleteAsync(services, gone);

        await SweepAfterAsync(services, TimeSpan.FromDays(30) - Day);
        var during = await AccountAsync(services, gone);
        Assert.Equal("leaving@example.test", during!.Email);
        Assert.Equal(1, await CountAsync<PaymentMethod>(services, gone));

        await SweepAfterAsync(services, Day * 2);
        var erased = await AccountAsync(services, gone);
        Assert.NotNull(erased);
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal(AccountAnonymiser.StandInEmail(gone), erased.Email);
        Assert.Equal(AccountAnonymiser.StandInName(gone), erased.UserName);
        Assert.Null(erased.PasswordHash);
        Assert.Null(erased.PhoneNumber);
        Assert.Equal("", erased.WebhookSecret);
        Assert.Equal(0, await CountAsync<PaymentMethod>(services, gone));
        Assert.Equal(0, await CountAsync<Subscription>(services, gone));
        Assert.Equal(0, await CountAsync<SplitJob>(services, gone));
        Assert.Equal(1, await CountAsync<Invoice>(services, gone));
        Assert.Equal(1, await CountAsync<UsageRecord>(services, gone));
        Assert.Equal(2, await InvoiceLinesAsync(services, gone));

        var other = await AccountAsync(services, kept);
        Assert.Equal("staying@example.test", other!.Email);
        Assert.Equal(1, await CountAsync<PaymentMethod>(services, kept));
        Assert.Equal(1, await CountAsync<SplitJob>(services, kept));
    }

    [DatabaseFact]
    public async Task The_billing_records_of_an_erased_account_are_kept_7_years_after_its_deletion_then_go_with_its_row()
    {
        await using var services = new SplitsTestServices(engine: engine);
        var gone = await CustomerAsync(services, "leaving@example.test");
        var deletedAt = await DeleteAsync(services, gone);

        await SweepAfterAsync(services, deletedAt.AddYears(7) - Day - services.Clock.GetUtcNow());
        Assert.NotNull((await AccountAsync(services, gone))?.ErasedAt);
        Assert.Equal(1, await CountAsync<Invoice>(services, gone));
        Assert.Equal(1, await CountAsync<UsageRecord>(services, gone));

        await SweepAfterAsync(services, Day * 2);
        Assert.Null(await AccountAsync(services, gone));
        Assert.Equal(0, await CountAsync<Invoice>(services, gone));
        Assert.Equal(0, await CountAsync<UsageRecord>(services, gone));
        Assert.Equal(0, await InvoiceLinesAsync(services, null));
    }

    [DatabaseFact]
    public async Task An_account_without_billing_records_leaves_no_row_once_erased()
    {
        await using var services = new SplitsTestServices(engine: engine);
        var gone = await services.NewAccountAsync();
        await DeleteAsync(services, gone);

        await SweepAfterAsync(services, TimeSpan.FromDays(31));

        Assert.Null(await AccountAsync(services, gone));
    }

    /// <summary>An account with a password, a payment method, a subscription, a job, an invoice of two lines and a usage record.</summary>
    private static async Task<string> CustomerAsync(SplitsTestServices services, string email)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = services.Clock.GetUtcNow();
        var account = new Account { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            PasswordHash = "AQAAAAIAAYag", PhoneNumber = "+1 555 0100", PlanId = "plan_pro", CreatedAt = now };
        db.Users.Add(account);
        db.Add(new PaymentMethod { AccountId = account.Id, Type = PaymentMethod.CardType, Brand = "visa", Last4 = "4242", UpdatedAt = now });
        db.Add(new Subscription { AccountId = account.Id, PlanId = "plan_pro", Provider = "offline", Status = SubscriptionStatus.Canceled, CreatedAt = now });
        db.Add(new SplitJob { AccountId = account.Id, Status = JobStatus.Completed, SplitMode = "duration", CreatedAt = now });
        db.Add(new Invoice { AccountId = account.Id, Number = "INV-" + account.Id, Amount = 2900, Provider = "offline", IssuedAt = now, Lines =
        [
            new InvoiceLine { Kind = InvoiceLineKind.BasePlan, Description = "Pro", UnitAmount = 2500, Amount = 2500 },
            new InvoiceLine { Kind = InvoiceLineKind.Overage, Description = "Overage", Quantity = 4, UnitAmount = 100, Amount = 400 },
        ] });
        db.Add(new UsageRecord { AccountId = account.Id, JobId = "job_" + account.Id, Minutes = 4, PlanId = "plan_pro", RecordedAt = now });
        await db.SaveChangesAsync();
        return account.Id;
    }

    private static async Task<DateTimeOffset> DeleteAsync(SplitsTestServices services, string accountId)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        var now = services.Clock.GetUtcNow();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.DeletedAt, now));
        return now;
    }

    private static async Task SweepAfterAsync(SplitsTestServices services, TimeSpan wait)
    {
        services.Clock.Advance(wait);
        var sweeper = new AccountSweeper(services.Provider.GetRequiredService<IServiceScopeFactory>(), services.Store, new AccountsOptions(), services.Retention,
            services.Provider.GetRequiredService<ClusterLeases>(), services.Clock, NullLogger<AccountSweeper>.Instance);
        await sweeper.SweepAsync(CancellationToken.None);
    }

    private static async Task<Account?> AccountAsync(SplitsTestServices services, string accountId)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId);
    }

    private static async Task<int> CountAsync<T>(SplitsTestServices services, string accountId)
        where T : class, IAccountOwned
    {
        await using var scope = services.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<T>().IgnoreQueryFilters().CountAsync(e => e.AccountId == accountId);
    }

    /// <summary>The lines of the account's invoices; with no account, every line in the database.</summary>
    private static async Task<int> InvoiceLinesAsync(SplitsTestServices services, string? accountId)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var lines = db.Set<InvoiceLine>().AsQueryable();
        return await (accountId is null ? lines : lines.Where(l => db.Set<Invoice>().IgnoreQueryFilters().Any(i => i.Id == l.InvoiceId && i.AccountId == accountId))).CountAsync();
    }
}
