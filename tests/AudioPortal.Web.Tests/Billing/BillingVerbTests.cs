using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Web.Cli;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Web.Tests.Billing;

/// <summary><c>billing mark-paid</c> and <c>billing close-period</c> on a real data folder.</summary>
public sealed class BillingVerbTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "audioportal-billing-cli-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private Task<int> RunAsync(params string[] args) =>
        WebCli.RunAsync(args, _out, _err, new Dictionary<string, string?> { ["Data:Path"] = _data });

    [Fact]
    public async Task Mark_paid_settles_an_open_invoice_by_number_and_reports_an_unknown_one()
    {
        Assert.Equal(0, await RunAsync("migrate"));
        var invoiceId = await SeedOpenInvoiceAsync();

        Assert.Equal(0, await RunAsync("billing", "mark-paid", "--invoice", "INV-2026-0001"));
        Assert.Contains("Invoice INV-2026-0001 is paid", _out.ToString());
        await using (var db = Db())
        {
            var invoice = await db.Set<Invoice>().IgnoreQueryFilters().SingleAsync(i => i.Id == invoiceId);
            Assert.Equal((InvoiceStatus.Paid, true), (invoice.Status, invoice.PaidAt is not null));
        }

        Assert.Equal(1, await RunAsync("billing", "mark-paid", "--invoice", "INV-2026-0404"));
        Assert.Contains("No invoice 'INV-2026-0404'", _err.ToString());
    }

    [Fact]
    public async Task Close_period_reports_how_many_periods_it_closed_and_bad_usage_exits_2()
    {
        Assert.Equal(0, await RunAsync("billing", "close-period"));
        Assert.Contains("Closed 0 billing period(s).", _out.ToString());

        Assert.Equal(2, await RunAsync("billing", "mark-paid"));
        Assert.Contains("--invoice is required", _err.ToString());
        Assert.Equal(2, await RunAsync("billing", "refund"));
    }

    private AppDbContext Db() => new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={Path.Combine(_data, "audioportal.db")}").Options);

    private async Task<string> SeedOpenInvoiceAsync()
    {
        await using var db = Db();
        var account = new Account { Email = "cli@example.test", UserName = "cli@example.test", CreatedAt = DateTimeOffset.UtcNow };
        db.Add(account);
        var invoice = new Invoice
        {
            AccountId = account.Id, Number = "INV-2026-0001", Amount = 1900, Provider = "offline",
            IssuedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow.AddDays(14),
            PeriodStart = DateTimeOffset.UtcNow, PeriodEnd = DateTimeOffset.UtcNow.AddMonths(1),
        };
        db.Add(invoice);
        await db.SaveChangesAsync();
        return invoice.Id;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
