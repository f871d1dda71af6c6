using AudioPortal.Core.Splits;
using AudioPortal.Web.Splits.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Portal.Splits;

public sealed class JobsPageTests : PortalTestContext
{
    [Fact]
    public void With_no_jobs_the_page_says_how_to_start_one()
    {
        RenderProviders();
        var page = Render<Jobs>();

        page.WaitForAssertion(() => Assert.Contains("No jobs yet", page.Markup));
        Assert.NotNull(page.Find("a[href='/splits/new']"));
    }

    [Fact]
    public async Task Jobs_are_listed_newest_first_with_their_status()
    {
        var first = await CreateJobAsync(name: "first.wav");
        var second = await CreateJobAsync(name: "second.wav");
        RenderProviders();

        var page = Render<Jobs>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".job-link").Count));
        var links = page.FindAll(".job-link").Select(a => a.TextContent).ToList();
        Assert.Equal(["second.wav", "first.wav"], links);
        Assert.Equal(2, page.FindAll(".status-chip.status-queued").Count);
        Assert.Contains(first.Id, page.Markup);
        Assert.Contains(second.Id, page.Markup);
    }

    [Fact]
    public async Task The_first_page_is_in_the_first_render_and_the_pager_fetches_the_next_page_from_the_server()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AudioPortal.Core.Data.AppDbContext>();
            var start = DateTimeOffset.UtcNow.AddHours(-1);
            db.AddRange(Enumerable.Range(1, 25).Select(i => new SplitJob
            {
                AccountId = Account.Id, SplitMode = SplitModes.Duration, SegmentDuration = 10, Status = JobStatus.Completed,
                SourceFileName = $"episode-{i:00}.wav", CreatedAt = start.AddMinutes(i),
            }));
            await db.SaveChangesAsync();
        }

        RenderProviders();
        var page = Render<Jobs>();

        // No WaitForAssertion: the rows are there when the first render is (so prerendered HTML has them too).
        Assert.Equal(20, page.FindAll(".job-link").Count);
        Assert.Equal("episode-25.wav", page.FindAll(".job-link")[0].TextContent);
        Assert.Contains("1–20 of 25", page.Find(".page-range").TextContent);

        page.FindAll(".jobs-pager .mud-pagination-item button").Single(b => b.TextContent.Trim() == "2").Click();

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll(".job-link").Count));
        Assert.Equal("episode-05.wav", page.FindAll(".job-link")[0].TextContent);
        Assert.Contains("21–25 of 25", page.Find(".page-range").TextContent);
    }

    [Fact]
    public async Task Progress_pushed_by_the_worker_shows_without_reloading()
    {
        var job = await CreateJobAsync();
        RenderProviders();
        var page = Render<Jobs>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".job-link")));

        App.Services.GetRequiredService<IJobEvents>().Publish(new JobEvent(Account.Id, job.Id, JobStatus.Processing, 40, null));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("processing 40%", page.Find(".status-chip").TextContent);
            Assert.NotNull(page.Find(".job-progress"));
        });
    }

    [Fact]
    public async Task Another_accounts_progress_is_ignored()
    {
        var job = await CreateJobAsync();
        RenderProviders();
        var page = Render<Jobs>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".job-link")));

        App.Services.GetRequiredService<IJobEvents>().Publish(new JobEvent("usr_someone_else", job.Id, JobStatus.Processing, 40, null));

        Assert.DoesNotContain("processing", page.Find(".status-chip").TextContent);
    }

    [Fact]
    public async Task Delete_asks_first_then_deletes_through_the_service()
    {
        var job = await CreateJobAsync();
        var providers = RenderProviders();
        var page = Render<Jobs>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".job-link")));

        page.Find("button.job-delete").Click();
        Confirm(providers);

        page.WaitForAssertion(() => Assert.Contains("No jobs yet", page.Markup));
        var gone = await GetJobAsync(job.Id);
        Assert.Equal("JOB_NOT_FOUND", gone.Error?.Code);
    }

    [Fact]
    public async Task Clicking_a_row_opens_the_job()
    {
        var job = await CreateJobAsync();
        RenderProviders();
        var page = Render<Jobs>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".job-link")));

        page.Find("tr.job-row td").Click();

        Assert.EndsWith($"/jobs/{job.Id}", CurrentUri);
    }

    [Fact]
    public async Task The_status_filter_lists_only_matching_jobs()
    {
        await CreateJobAsync();
        RenderProviders();
        var page = Render<Jobs>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".job-link")));

        await page.InvokeAsync(() => page.Instance.OnStatusChanged(JobStatus.Completed));

        page.WaitForAssertion(() => Assert.Contains("No completed jobs", page.Markup));
    }
}
