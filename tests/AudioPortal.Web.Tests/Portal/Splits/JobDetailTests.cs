using AudioPortal.Core.Splits;
using AudioPortal.Web.Splits.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Portal.Splits;

public sealed class JobDetailTests : PortalTestContext
{
    [Fact]
    public void An_unknown_job_shows_a_not_found_state()
    {
        RenderProviders();
        var page = Render<JobDetail>(p => p.Add(x => x.Id, "job_nope"));

        page.WaitForAssertion(() => Assert.Contains("No such job", page.Markup));
    }

    [Fact]
    public async Task A_queued_job_shows_its_settings_and_follows_live_progress()
    {
        var job = await CreateJobAsync(seconds: 30, every: 10);
        RenderProviders();
        var page = Render<JobDetail>(p => p.Add(x => x.Id, job.Id));
        page.WaitForAssertion(() => Assert.Contains("every 10 s", page.Markup));
        Assert.Contains("Waiting for a worker", page.Markup);

        App.Services.GetRequiredService<IJobEvents>().Publish(new JobEvent(Account.Id, job.Id, JobStatus.Processing, 55, null));

        page.WaitForAssertion(() => Assert.Contains("Splitting… 55%", page.Markup));
    }

    [Fact]
    public async Task The_waveform_of_an_uploaded_source_is_drawn()
    {
        var job = await CreateJobAsync(seconds: 30, every: 10);
        RenderProviders();

        var page = Render<JobDetail>(p => p.Add(x => x.Id, job.Id));

        // Computed from the kept source on first view (and stored), so the path has one stroke per column.
        page.WaitForAssertion(() => Assert.True(page.Find(".waveform-peaks").GetAttribute("d")!.Split('M').Length > 100), TimeSpan.FromSeconds(10));
        Assert.True(App.Services.GetRequiredService<AudioPortal.Core.Storage.IBlobStore>().Exists(SourcePeaks.Key(Account.Id, job.Id)));
    }

    [Fact]
    public async Task A_failed_job_shows_the_catalog_message_and_what_to_do_and_can_be_retried()
    {
        var job = await CreateJobAsync(seconds: 30, every: 10);
        await SetJobStateAsync(job.Id, JobStatus.Failed, "CORRUPT_FILE", "The audio file could not be decoded.");
        var providers = RenderProviders();
        var page = Render<JobDetail>(p => p.Add(x => x.Id, job.Id));
        page.WaitForAssertion(() => Assert.Contains("CORRUPT_FILE", page.Find(".job-error").TextContent));
        Assert.Contains("The audio file could not be decoded.", page.Find(".job-error").TextContent);
        Assert.Contains(JobAdvice.For("CORRUPT_FILE"), page.Find(".job-error").TextContent);

        page.Find("#retry-job").Click();

        providers.AssertToast("A new job was started with the same settings.");
        var list = await WithServiceAsync<SplitManagement, JobPage>(async s => (await s.ListAsync(null, 1, 10, CancellationToken.None)).Value);
        var retried = Assert.Single(list.Data, j => j.Id != job.Id);
        Assert.Equal(JobStatus.Queued, retried.Status);
        Assert.Equal(10, retried.SegmentDuration);
        Assert.Equal("tone.wav", retried.SourceFileName);
        page.WaitForAssertion(() => Assert.EndsWith($"/jobs/{retried.Id}", CurrentUri)); // navigation follows the toast on the renderer's thread
    }

    [Fact]
    public async Task Deleting_a_job_that_started_processing_meanwhile_shows_the_catalog_toast()
    {
        var job = await CreateJobAsync();
        var providers = RenderProviders();
        var page = Render<JobDetail>(p => p.Add(x => x.Id, job.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("button.job-delete")));
        await SetJobStateAsync(job.Id, JobStatus.Processing);

        page.Find("button.job-delete").Click();
        Confirm(providers);

        providers.AssertToast(AudioPortal.Core.Errors.ErrorCatalog.JobAlreadyProcessing.Message);
        Assert.True((await GetJobAsync(job.Id)).IsSuccess);
    }
}

/// <summary>With the real worker running: a job completes and its parts are playable and downloadable.</summary>
public sealed class CompletedJobDetailTests() : PortalTestContext(runWorker: true)
{
    [Fact]
    public async Task A_completed_job_lists_every_part_with_a_player_a_download_and_the_zip()
    {
        var job = await CreateJobAsync(seconds: 30, every: 10);
        RenderProviders();
        var page = Render<JobDetail>(p => p.Add(x => x.Id, job.Id));

        // The worker's completion event reaches the page through the circuit: no reload.
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("audio.part-player").Count), TimeSpan.FromSeconds(60));
        var players = page.FindAll("audio.part-player");
        Assert.All(players, a => Assert.Matches(@"^/api/v1/splits/job_\w+/segments/\d\?expires=\d+&sig=", a.GetAttribute("src")));
        Assert.Equal(3, page.FindAll(".part-download").Count);
        Assert.Matches(@"/api/v1/splits/job_\w+/archive\?", page.Find("a.download-all").GetAttribute("href"));
        Assert.Equal(2, page.FindAll(".waveform-cut").Count);
        Assert.Contains("status-completed", page.Find(".status-chip").ClassName);
    }

    [Fact]
    public async Task A_completed_job_links_its_manifest_and_cue_sheet_and_shows_each_parts_cut_reason_and_title()
    {
        var job = await CreateJobAsync(seconds: 30, every: 10);
        RenderProviders();
        var page = Render<JobDetail>(p => p.Add(x => x.Id, job.Id));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".job-part").Count), TimeSpan.FromSeconds(60));
        Assert.Matches(@"^/api/v1/splits/job_\w+/manifest\.json\?expires=\d+&sig=", page.Find("a.download-manifest").GetAttribute("href"));
        Assert.Matches(@"^/api/v1/splits/job_\w+/manifest\.cue\?expires=\d+&sig=", page.Find("a.download-cue").GetAttribute("href"));
        Assert.Contains("Manifest (JSON)", page.Find("a.download-manifest").TextContent);
        Assert.Contains("CUE sheet", page.Find("a.download-cue").TextContent);
        // Every-10-s cuts of a 30 s tone are the planned ones; each part is titled after the source.
        Assert.All(page.FindAll(".part-cut-reason"), c => Assert.Contains(JobDetail.CutReasonText("nominal"), c.TextContent));
        Assert.Equal(["tone (part 1 of 3)", "tone (part 2 of 3)", "tone (part 3 of 3)"], page.FindAll(".part-title").Select(t => t.TextContent.Trim()));
    }
}
