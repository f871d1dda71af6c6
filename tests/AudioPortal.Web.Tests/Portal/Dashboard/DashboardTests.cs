using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Portal.Dashboard;

public sealed class DashboardTests : PortalTestContext
{
    [Fact]
    public void A_new_account_sees_its_allowance_a_drop_zone_and_what_to_do_next()
    {
        RenderProviders();
        var page = Render<AudioPortal.Web.Dashboard.Dashboard>();

        page.WaitForAssertion(() => Assert.Equal("60", page.Find(".usage-meter").GetAttribute("data-included")));
        Assert.Equal("0", page.Find(".usage-meter").GetAttribute("data-used"));
        Assert.NotNull(page.Find(".usage-chart-empty"));
        Assert.NotNull(page.Find("#upload-drop-zone"));
        Assert.Contains("No jobs yet", page.Markup);
    }

    [Fact]
    public async Task Usage_and_recent_jobs_are_shown()
    {
        var job = await CreateJobAsync(name: "episode.wav");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(new UsageRecord { AccountId = Account.Id, JobId = job.Id, Minutes = 7, SourceSeconds = 400, PlanId = "plan_free", RecordedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        RenderProviders();
        var page = Render<AudioPortal.Web.Dashboard.Dashboard>();

        page.WaitForAssertion(() => Assert.Equal("7", page.Find(".usage-meter").GetAttribute("data-used")));
        Assert.NotNull(page.Find(".usage-chart"));
        Assert.Contains("episode.wav", page.Find(".recent-jobs").TextContent);
    }

    [Fact]
    public async Task The_daily_history_has_one_entry_per_day_of_the_period()
    {
        await using var historyScope = App.Services.CreateAsyncScope();
        var history = historyScope.ServiceProvider.GetRequiredService<UsageHistory>();
        var period = new BillingPeriod(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(new UsageRecord { AccountId = Account.Id, JobId = "job_a", Minutes = 3, PlanId = "plan_free", RecordedAt = new DateTimeOffset(2026, 2, 3, 10, 0, 0, TimeSpan.Zero) });
            db.Add(new UsageRecord { AccountId = Account.Id, JobId = "job_b", Minutes = 2, PlanId = "plan_free", RecordedAt = new DateTimeOffset(2026, 2, 3, 23, 0, 0, TimeSpan.Zero) });
            db.Add(new UsageRecord { AccountId = Account.Id, JobId = "job_c", Minutes = 9, PlanId = "plan_free", RecordedAt = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) });
            await db.SaveChangesAsync();
        }

        var days = await history.DailyAsync(Account.Id, period, CancellationToken.None);

        Assert.Equal(28, days.Count);
        Assert.Equal(5, days.Single(d => d.Day == new DateOnly(2026, 2, 3)).Minutes);
        Assert.Equal(5, days.Sum(d => d.Minutes));
    }
}
