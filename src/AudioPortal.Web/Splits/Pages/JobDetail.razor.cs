using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Components.Shared;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Portal;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AudioPortal.Web.Splits.Pages;

/// <summary>One job: its settings, live progress, the error and what to do about it, the parts (with why each ends where it does) to play and download, the manifest and CUE sheet, Retry and Delete.</summary>
public partial class JobDetail : PortalComponentBase
{
    private SplitJobView? _job;
    private float[]? _peaks;
    private bool _missing;
    private bool _busy;
    private string? _accountId;

    [Inject]
    private PortalSession Session { get; set; } = null!;

    [Inject]
    private IJobEvents JobEvents { get; set; } = null!;

    [Inject]
    private SourcePeaks PeakStore { get; set; } = null!;

    [Inject]
    private ErrorToaster Toaster { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Parameter]
    public string Id { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        _accountId = await Session.GetAccountIdAsync();
        JobEvents.Changed -= OnJobChanged;
        JobEvents.Changed += OnJobChanged;
        await LoadAsync();
        if (_job is not null && _accountId is not null)
        {
            // Computed once per source and kept; cheap to read after that.
            _peaks = await PeakStore.GetAsync(_accountId, _job.Id, ComponentToken);
        }
    }

    private async Task LoadAsync()
    {
        var job = await Session.RunAsync<SplitManagement, SplitJobView>(s => s.GetAsync(Id, ComponentToken));
        if (job.IsSuccess)
        {
            _job = job.Value;
        }
        else if (job.Error.Code == ErrorCatalog.JobNotFound.Code)
        {
            (_job, _missing) = (null, true);
        }
        else
        {
            Toaster.Show(job.Error);
        }
    }

    private void OnJobChanged(JobEvent change)
    {
        if (change.JobId != Id || change.AccountId != _accountId)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            // Raised on a worker's thread: it can arrive after the page went away (retry and delete navigate).
            if (IsDisposed)
            {
                return;
            }

            if (change.Status is JobStatus.Completed or JobStatus.Failed)
            {
                await LoadAsync(); // fresh parts and signed links
            }
            else if (_job is not null)
            {
                _job = _job with { Status = change.Status, Progress = change.Progress };
            }

            StateHasChanged();
        });
    }

    /// <summary>A failed job is retried as a new job with the same settings and the same source (kept file or URL).</summary>
    private async Task RetryAsync()
    {
        if (_job is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var id = _job.Id;
            var created = await Session.RunAsync<SplitRetry, CreatedJob>(s => s.RetryAsync(id, null, ComponentToken));
            if (Toaster.Check(created))
            {
                Toaster.Success("A new job was started with the same settings.");
                Navigation.NavigateTo($"/jobs/{created.Value.Job.Id}");
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (_job is null || !await ConfirmDialog.AskAsync(Dialogs, "Delete this job?",
                "The source and all parts are deleted at once. This cannot be undone.", "Delete"))
        {
            return;
        }

        var deleted = await Session.RunAsync<SplitManagement>(s => s.DeleteAsync(_job.Id, ComponentToken));
        if (Toaster.Check(deleted))
        {
            Toaster.Success("Job deleted.");
            Navigation.NavigateTo("/jobs");
        }
    }

    /// <summary>The part's <c>cutReason</c> in words: why it ends where it does.</summary>
    internal static string CutReasonText(string reason) => reason switch
    {
        "silence" => "Cut at a silence",
        "hard" => "Hard cut (no silence found)",
        "chapter" => "Chapter",
        "size-resplit" => "Cut again to fit the size",
        _ => "Planned cut",
    };

    protected override ValueTask DisposeAsyncCore()
    {
        JobEvents.Changed -= OnJobChanged;
        return ValueTask.CompletedTask;
    }
}
