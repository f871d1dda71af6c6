using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Portal;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace AudioPortal.Web.Tests.Portal;

/// <summary>
/// bUnit over the real application: the pages' services come from a real host (its own SQLite file and storage),
/// signed in as a fresh account through <see cref="PortalSession"/>. The job worker is off unless a test class
/// turns it on, so jobs stay where a test puts them.
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    /// <param name="settings">Configuration the app starts with (it starts in this constructor).</param>
    protected PortalTestContext(bool runWorker = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            App.Settings[key] = value;
        }

        App.Settings["Splits:RunBackgroundWork"] = runWorker ? "true" : "false";
        App.Settings["Splits:PollInterval"] = "00:00:00.200";
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<ErrorToaster>();
        Services.AddSingleton(Current);
        Services.AddSingleton<ICurrentAccount>(Current);
        Services.AddScoped(sp => new PortalSession(App.Services.GetRequiredService<IServiceScopeFactory>(), Current, sp, NullLogger<PortalSession>.Instance));
        Services.AddFallbackServiceProvider(App.Services);
    }

    protected AppFactory App { get; } = new();

    protected CurrentAccount Current { get; } = new();

    protected Infrastructure.TestAccount Account { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Account = await App.CreateAccountAsync();
        Current.Set(Account.Id, Scopes.All);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's services can only be disposed asynchronously; xunit's later Dispose() is then a no-op.
        try
        {
            await DisposeAsync();
        }
        finally
        {
            await App.DisposeAsync();
        }
    }

    /// <summary>The dialog, popover and snackbar hosts a page needs, as MainLayout provides them.</summary>
    protected Providers RenderProviders()
    {
        Render<MudPopoverProvider>();
        return new Providers(Render<MudDialogProvider>(), Render<MudSnackbarProvider>());
    }

    /// <summary>Runs <paramref name="action"/> against a real service of the app, as the test's account.</summary>
    protected async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentAccount>().Set(Account.Id, Scopes.All);
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected Task<StagedUpload> StageWavAsync(double seconds, string name = "tone.wav") => StageAsync(TestWav.Sine(seconds), name);

    protected Task<StagedUpload> StageAsync(byte[] audio, string name) =>
        WithServiceAsync<UploadStaging, StagedUpload>(async s =>
        {
            var staged = await s.StageUploadAsync(name, new MemoryStream(audio), CancellationToken.None);
            Assert.True(staged.IsSuccess, staged.Error?.ToString());
            return staged.Value;
        });

    /// <summary>A real job from an uploaded sine tone, split every <paramref name="every"/> seconds.</summary>
    protected async Task<SplitJobView> CreateJobAsync(double seconds = 30, int every = 10, string format = "wav", string name = "tone.wav")
    {
        var upload = await StageWavAsync(seconds, name);
        var created = await WithServiceAsync<SplitCreation, Result<CreatedJob>>(s => s.CreateAsync(
            new CreateSplitRequest { SplitMode = SplitModes.Duration, SegmentDuration = every, OutputFormat = format }, upload, null, CancellationToken.None));
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return created.Value.Job;
    }

    protected Task<Result<SplitJobView>> GetJobAsync(string id) =>
        WithServiceAsync<SplitManagement, Result<SplitJobView>>(s => s.GetAsync(id, CancellationToken.None));

    /// <summary>Puts a job straight into a state (for pages that show processing or failed jobs without running the engine).</summary>
    protected async Task SetJobStateAsync(string id, string status, string? errorCode = null, string? errorMessage = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var job = await db.Set<SplitJob>().IgnoreQueryFilters().SingleAsync(j => j.Id == id);
        job.Status = status;
        job.ErrorCode = errorCode;
        job.ErrorMessage = errorMessage;
        await db.SaveChangesAsync();
    }

    /// <summary>Clicks the confirm button of the open confirmation dialog (after typing <paramref name="typed"/> when given).</summary>
    protected static void Confirm(Providers providers, string? typed = null)
    {
        providers.Dialogs.WaitForAssertion(() => Assert.NotNull(providers.Dialogs.Find(".confirm-ok")));
        if (typed is not null)
        {
            providers.Dialogs.Find(".confirm-typed input").Input(typed);
        }

        // Found and clicked in one step on the renderer's thread: a job event that re-renders the dialog in between
        // would otherwise leave the click pointing at a handler that no longer exists.
        providers.Dialogs.InvokeAsync(() => providers.Dialogs.Find(".confirm-ok").Click()).GetAwaiter().GetResult();
    }

    protected string CurrentUri => Services.GetRequiredService<NavigationManager>().Uri;
}

/// <summary>The rendered dialog host and toast host of a test.</summary>
public sealed record Providers(IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Toasts)
{
    public void AssertToast(string text) =>
        Toasts.WaitForAssertion(() => Assert.Contains(Toasts.FindAll(".mud-snackbar"), s => s.TextContent.Contains(text)), TimeSpan.FromSeconds(5));
}
