using AudioPortal.Web.Components.Shared;
using Bunit;
using MudBlazor;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Portal.Shared;

public sealed class SharedComponentTests : BunitContext, IAsyncLifetime
{
    public SharedComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services can only be disposed asynchronously.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public void The_waveform_draws_one_stroke_per_column_and_a_marker_per_inner_cut()
    {
        var peaks = Enumerable.Range(0, 2000).Select(i => (float)Math.Abs(Math.Sin(i / 50.0))).ToArray();

        var view = Render<WaveformView>(p => p.Add(x => x.Peaks, peaks).Add(x => x.Duration, 30).Add(x => x.Cuts, [0, 10, 20]));

        Assert.Equal(1000, view.Find(".waveform-peaks").GetAttribute("d")!.Count(c => c == 'M'));
        var markers = view.FindAll(".waveform-cut");
        Assert.Equal(["333.33", "666.67"], markers.Select(m => m.GetAttribute("x1")!).ToArray());
        Assert.Equal("Waveform of the source with 2 cut markers", view.Find("figure").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_plan_table_shows_each_plans_storage_cap_and_unlimited_for_none()
    {
        AudioPortal.Core.Billing.Plan[] plans =
        [
            new() { Id = "plan_free", Name = "Free", MaxStorageBytes = 1L << 30 },
            new() { Id = "plan_big", Name = "Big", MaxStorageBytes = 0 },
        ];

        var table = Render<PlanTable>(p => p.Add(x => x.Plans, plans));

        var row = table.FindAll("tr").Single(r => r.TextContent.StartsWith("Storage"));
        Assert.Equal(["Storage", "1 GiB", "unlimited"], row.QuerySelectorAll("td").Select(td => td.TextContent).ToArray());
    }

    [Fact]
    public void Without_peaks_the_waveform_is_a_flat_line()
    {
        var view = Render<WaveformView>(p => p.Add(x => x.Duration, 30));

        Assert.Equal("M0 50 H1000", view.Find(".waveform-peaks").GetAttribute("d"));
        Assert.Empty(view.FindAll(".waveform-cut"));
    }

    [Theory]
    [InlineData(10, 60, "mud-progress-linear-color-primary")]
    [InlineData(50, 60, "mud-progress-linear-color-warning")]
    [InlineData(70, 60, "mud-progress-linear-color-error")]
    public void The_usage_meter_warns_near_and_past_the_allowance(int used, int included, string colour)
    {
        var meter = Render<UsageMeter>(p => p.Add(x => x.Used, used).Add(x => x.Included, included));

        Assert.Contains(colour, meter.Markup);
        Assert.Contains($"{used} of {included} minutes", meter.Find(".usage-meter").TextContent);
        Assert.Equal(used > included, meter.Markup.Contains("minutes over the included amount"));
    }

    [Theory]
    [InlineData("queued", 0, "queued")]
    [InlineData("processing", 42, "processing 42%")]
    [InlineData("completed", 100, "completed")]
    [InlineData("failed", 10, "failed")]
    public void A_status_chip_names_the_status(string status, int progress, string text)
    {
        var chip = Render<StatusChip>(p => p.Add(x => x.Status, status).Add(x => x.Progress, progress));

        Assert.Equal(text, chip.Find(".status-chip").TextContent.Trim());
        Assert.Contains($"status-{status}", chip.Find(".status-chip").ClassName);
    }

    [Fact]
    public void An_empty_state_says_what_to_do_next()
    {
        var empty = Render<EmptyState>(p => p.Add(x => x.Title, "No jobs yet").Add(x => x.Text, "Upload a file.").Add(x => x.ActionText, "Start").Add(x => x.ActionHref, "/splits/new"));

        Assert.Contains("No jobs yet", empty.Markup);
        Assert.Equal("/splits/new", empty.Find("a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_typed_confirmation_stays_disabled_until_the_exact_text_is_typed()
    {
        var dialogs = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        Task<bool>? answer = null;

        await dialogs.InvokeAsync(() => { answer = ConfirmDialog.AskAsync(service, "Delete?", "Gone for good.", "Delete", "DELETE MY ACCOUNT"); });
        dialogs.WaitForAssertion(() => Assert.True(dialogs.Find(".confirm-ok").HasAttribute("disabled")));
        dialogs.Find(".confirm-typed input").Input("delete my account");
        Assert.True(dialogs.Find(".confirm-ok").HasAttribute("disabled"));
        dialogs.Find(".confirm-typed input").Input("DELETE MY ACCOUNT");
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find(".confirm-ok").HasAttribute("disabled")));
        dialogs.Find(".confirm-ok").Click();

        Assert.True(await answer!.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Cancelling_a_confirmation_answers_no()
    {
        var dialogs = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        Task<bool>? answer = null;

        await dialogs.InvokeAsync(() => { answer = ConfirmDialog.AskAsync(service, "Revoke?", "It stops working.", "Revoke"); });
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".confirm-cancel")));
        dialogs.Find(".confirm-cancel").Click();

        Assert.False(await answer!.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
