using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Splits.Presets;
using AudioPortal.Web.Portal;
using AudioPortal.Web.Splits.Pages;
using AudioPortal.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Portal.Splits;

/// <summary>The smart cuts of the New split page: pauses found once, cuts previewed where the worker will make them, rules from Core.</summary>
public sealed class SmartCutFieldsTests : PortalTestContext
{
    // Six 8 s tones, each followed by 1 s of silence: cuts every 10 s have a pause 1–2 s before them.
    private static readonly byte[] Talk = TestWav.Bursts(6, 8.0, 1.0);

    [Fact]
    public async Task Cutting_in_pauses_moves_the_previewed_cuts_back_into_the_gaps_and_says_so()
    {
        var page = await RenderWithUploadAsync(Talk);
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".planned-parts")));
        page.Find(".split-value input").Input("10");
        page.WaitForAssertion(() => Assert.Equal("0:10", page.FindAll(".planned-parts tbody tr td:nth-child(2)")[1].TextContent));
        Assert.Equal("exact point", page.Find(".cut-reason").TextContent);

        OpenSmartCuts(page);
        page.Find(".cut-at-silence input").Change(true);

        page.WaitForAssertion(() => Assert.Equal("a pause", page.Find(".cut-reason").TextContent), TimeSpan.FromSeconds(10));
        var starts = page.FindAll(".planned-parts tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.StartsWith("0:08.", starts[1]); // inside the first gap (8–9 s), not at 10 s
        Assert.False(page.Find("#start-split").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_smart_cut_value_out_of_range_is_explained_beside_its_field_and_blocks_the_start()
    {
        var page = await RenderWithUploadAsync(TestWav.Sine(30));
        page.WaitForAssertion(() => Assert.False(page.Find("#start-split").HasAttribute("disabled")));
        OpenSmartCuts(page);

        page.Find(".overlap input").Input("40");

        page.WaitForAssertion(() => Assert.Contains("Must be between 0 and 30 seconds.", page.Find(".overlap").TextContent));
        Assert.True(page.Find("#start-split").HasAttribute("disabled"));
        Assert.Empty(page.FindAll(".planned-parts"));

        page.Find(".overlap input").Input("2");
        page.WaitForAssertion(() => Assert.False(page.Find("#start-split").HasAttribute("disabled")));
    }

    [Fact]
    public async Task A_file_without_chapters_cannot_be_split_at_chapters()
    {
        var page = await RenderWithUploadAsync(TestWav.Sine(30));

        page.WaitForAssertion(() => Assert.NotNull(page.Find(".fact-format")));
        var chapters = page.FindAll(".split-mode .mud-radio").Single(r => r.TextContent.Contains("At its chapters"));
        Assert.Contains("mud-disabled", chapters.ClassName);
    }

    [Fact]
    public async Task Start_sends_the_smart_cuts_with_the_job()
    {
        var page = await RenderWithUploadAsync(Talk, "talk.wav");
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".planned-parts")));
        page.Find(".split-value input").Input("10");
        OpenSmartCuts(page);
        page.Find(".cut-at-silence input").Change(true);
        page.Find(".overlap input").Input("1.5");
        page.Find(".name-template input").Input("{name}-{n}");
        page.WaitForAssertion(() => Assert.False(page.Find("#start-split").HasAttribute("disabled")), TimeSpan.FromSeconds(10));

        page.Find("#start-split").Click();

        page.WaitForAssertion(() => Assert.Contains("/jobs/job_", CurrentUri));
        var id = CurrentUri[(CurrentUri.LastIndexOf('/') + 1)..];
        var job = await WithServiceAsync<AppDbContext, SplitJob>(db => db.Set<SplitJob>().SingleAsync(j => j.Id == id));
        Assert.Equal((CutAtValues.Silence, 1.5, "{name}-{n}"), (job.CutAt, job.Overlap, job.NameTemplate));
    }

    [Fact]
    public async Task A_preset_sets_its_format_and_its_size_cap_goes_with_the_job()
    {
        var page = await RenderWithUploadAsync(TestWav.Sine(30));
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".planned-parts")));
        var preset = App.Services.GetRequiredService<PresetCatalog>().Find("openai-whisper")!;
        var select = page.FindComponent<MudBlazor.MudSelect<string>>();

        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(preset.Name));

        page.WaitForAssertion(() => Assert.Contains($"in {preset.Format.ToString().ToLowerInvariant()}", page.Find(".planned-count").TextContent));
        Assert.Contains("Parts stay under", page.Find(".preset").TextContent);
        page.Find("#start-split").Click();
        page.WaitForAssertion(() => Assert.Contains("/jobs/job_", CurrentUri));
        var id = CurrentUri[(CurrentUri.LastIndexOf('/') + 1)..];
        var job = await WithServiceAsync<AppDbContext, SplitJob>(db => db.Set<SplitJob>().SingleAsync(j => j.Id == id));
        Assert.Equal(preset.EffectiveMaxFileSize, job.MaxFileSize);
    }

    private static void OpenSmartCuts(IRenderedComponent<NewSplit> page)
    {
        if (page.FindAll(".overlap input").Count == 0)
        {
            page.Find(".smart-cuts .mud-expand-panel-header").Click();
        }

        page.WaitForAssertion(() => Assert.NotNull(page.Find(".overlap input")));
    }

    private async Task<IRenderedComponent<NewSplit>> RenderWithUploadAsync(byte[] audio, string name = "tone.wav")
    {
        var upload = await StageAsync(audio, name);
        var id = App.Services.GetRequiredService<PortalUploads>().Add(Account.Id, upload);
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/splits/new?upload={id}");
        return Render<NewSplit>();
    }
}
