using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Components.Shared;
using AudioPortal.Web.Portal;
using AudioPortal.Web.Splits.Pages;
using Bunit;
using MudBlazor;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Portal.Splits;

public sealed class NewSplitTests : PortalTestContext
{
    [Fact]
    public void The_plans_limits_are_shown_before_any_upload()
    {
        RenderProviders();
        var page = Render<NewSplit>();

        page.WaitForAssertion(() => Assert.Contains("100 MiB", page.Find(".plan-limits").TextContent));
        Assert.Contains("60 of 60 minutes left", page.Find(".plan-limits").TextContent);
        Assert.NotNull(page.Find("#upload-drop-zone input[type=file]"));
        Assert.True(page.Find("#start-split").HasAttribute("disabled"));
    }

    [Fact]
    public void A_file_over_the_plan_limit_is_refused_before_upload_with_the_catalog_toast()
    {
        var providers = RenderProviders();
        var page = Render<NewSplit>();
        page.WaitForAssertion(() => Assert.Contains("100 MiB", page.Markup));
        var zone = page.FindComponent<UploadDropZone>();

        var send = true;
        zone.InvokeAsync(async () => send = await zone.Instance.OnFileChosen("huge.wav", 101L * 1024 * 1024));

        Assert.False(send);
        providers.AssertToast("larger than your plan's maximum file size of 100 MiB");
    }

    [Fact]
    public void A_too_large_answer_from_the_server_is_shown_as_its_catalog_toast()
    {
        var providers = RenderProviders();
        var page = Render<NewSplit>();
        var zone = page.FindComponent<UploadDropZone>();

        zone.InvokeAsync(() => zone.Instance.OnUploadFailed("FILE_TOO_LARGE", ErrorCatalog.FileTooLarge.Message, 413, "{\"maxFileSize\":104857600}"));

        providers.AssertToast(ErrorCatalog.FileTooLarge.Message);
    }

    [Fact]
    public async Task An_uploaded_file_shows_its_probed_facts_and_a_live_preview_of_the_parts()
    {
        var page = await RenderWithUploadAsync(seconds: 30);

        page.WaitForAssertion(() => Assert.Contains("wav", page.Find(".fact-format").TextContent));
        Assert.Equal("0:30", page.Find(".fact-length").TextContent);
        Assert.Equal("tone.wav", page.Find(".fact-file").TextContent);

        ChangeSeconds(page, 10);
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".planned-parts tbody tr").Count));
        Assert.Equal(2, page.FindAll(".waveform-cut").Count);
        var starts = page.FindAll(".planned-parts tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.Equal(["0:00", "0:10", "0:20"], starts);

        ChangeSeconds(page, 7);
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll(".planned-parts tbody tr").Count));
        Assert.Equal("0:02", page.FindAll(".planned-parts tbody tr td:nth-child(3)").Last().TextContent);
    }

    [Fact]
    public async Task A_size_split_into_a_lossy_format_says_its_part_count_is_an_estimate_and_a_wav_one_does_not()
    {
        var page = await RenderWithUploadAsync(seconds: 30);
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".fact-format")));
        var groups = page.FindComponents<MudRadioGroup<string>>();
        await page.InvokeAsync(() => groups.Single(g => g.Instance.Class == "split-mode").Instance.ValueChanged.InvokeAsync(SplitModes.FileSize));
        page.Find(".split-value input").Input("0.1");

        await page.InvokeAsync(() => groups.Single(g => g.Instance.Class == "output-format").Instance.ValueChanged.InvokeAsync("mp3"));
        page.WaitForAssertion(() => Assert.StartsWith("About ", page.Find(".planned-count").TextContent));
        Assert.Contains("none will exceed the limit", page.Find(".planned-count").TextContent);

        await page.InvokeAsync(() => groups.Single(g => g.Instance.Class == "output-format").Instance.ValueChanged.InvokeAsync("wav"));
        page.WaitForAssertion(() => Assert.Equal("5 parts in wav", page.Find(".planned-count").TextContent.Trim())); // 480 KB of PCM in parts under 100 KB
    }

    [Theory]
    [InlineData(0, "at least 1 second")]
    [InlineData(45, "Longer than the source (30 s)")]
    public async Task An_invalid_segment_length_is_explained_and_blocks_the_start(int seconds, string message)
    {
        var page = await RenderWithUploadAsync(seconds: 30);
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".fact-format")));

        ChangeSeconds(page, seconds);

        page.WaitForAssertion(() => Assert.Contains(message, page.Markup));
        Assert.True(page.Find("#start-split").HasAttribute("disabled"));
        Assert.Empty(page.FindAll(".planned-parts"));
    }

    [Fact]
    public async Task Start_creates_the_job_through_the_service_and_opens_it()
    {
        var page = await RenderWithUploadAsync(seconds: 30);
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".fact-format")));
        ChangeSeconds(page, 10);
        page.WaitForAssertion(() => Assert.False(page.Find("#start-split").HasAttribute("disabled")));

        page.Find("#start-split").Click();

        page.WaitForAssertion(() => Assert.Contains("/jobs/job_", CurrentUri));
        var id = CurrentUri[(CurrentUri.LastIndexOf('/') + 1)..];
        var job = (await GetJobAsync(id)).Value;
        Assert.Equal(10, job.SegmentDuration);
        Assert.Equal("wav", job.OutputFormat);
        Assert.Equal(30, job.SourceDuration);
        // The waveform computed for the preview is kept with the job.
        Assert.True(App.Services.GetRequiredService<AudioPortal.Core.Storage.IBlobStore>().Exists(SourcePeaks.Key(Account.Id, id)));
    }

    [Fact]
    public async Task A_file_the_engine_cannot_read_is_refused_with_its_catalog_toast()
    {
        var upload = await WithServiceAsync<UploadStaging, StagedUpload>(async s =>
            (await s.StageUploadAsync("notes.txt", new MemoryStream("just some text, not audio"u8.ToArray()), CancellationToken.None)).Value);
        var id = App.Services.GetRequiredService<PortalUploads>().Add(Account.Id, upload);
        var providers = RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/splits/new?upload={id}");

        var page = Render<NewSplit>();

        providers.Toasts.WaitForAssertion(() => Assert.NotEmpty(providers.Toasts.FindAll(".mud-snackbar")));
        Assert.Empty(page.FindAll(".fact-format"));
    }

    private async Task<IRenderedComponent<NewSplit>> RenderWithUploadAsync(double seconds)
    {
        var upload = await StageWavAsync(seconds);
        var id = App.Services.GetRequiredService<PortalUploads>().Add(Account.Id, upload);
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/splits/new?upload={id}");
        return Render<NewSplit>();
    }

    private static void ChangeSeconds(IRenderedComponent<NewSplit> page, int seconds) =>
        page.Find(".split-value input").Input(seconds.ToString());
}
