using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Components.Shared;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Portal;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AudioPortal.Web.Splits.Pages;

/// <summary>The account's jobs: a paged grid filtered by status, updated live by the worker's events, with delete.</summary>
public partial class Jobs : PortalComponentBase
{
    [Inject]
    private PortalSession Session { get; set; } = null!;

    [Inject]
    private IJobEvents JobEvents { get; set; } = null!;

    [Inject]
    private ErrorToaster Toaster { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    private static readonly int[] PageSizes = [10, 20, 50, 100];
    private IReadOnlyList<SplitJobView> _rows = [];
    private int _total;
    private int _page = 1;
    private int _pageSize = 20;
    private bool _loading;
    private string? _status;
    private string? _accountId;
    private HashSet<string> _onPage = [];

    // Progress pushed by the worker through the circuit, newer than the rows the grid loaded.
    private readonly Dictionary<string, (string Status, int Progress)> _live = [];

    protected override async Task OnInitializedAsync()
    {
        _accountId = await Session.GetAccountIdAsync();
        JobEvents.Changed += OnJobChanged;
        await LoadAsync();
    }

    private int PageCount => Math.Max(1, (_total + _pageSize - 1) / _pageSize);

    /// <summary>One page from the service (newest first); after a delete emptied the last page, the page before it.</summary>
    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var page = await Session.RunAsync<SplitManagement, JobPage>(s => s.ListAsync(_status, _page, _pageSize, ComponentToken));
            if (!Toaster.Check(page))
            {
                return;
            }

            if (page.Value.Data.Count == 0 && _page > 1 && page.Value.Pagination.Total > 0)
            {
                _page = Math.Max(1, (page.Value.Pagination.Total + _pageSize - 1) / _pageSize);
                await LoadAsync();
                return;
            }

            _live.Clear();
            _rows = page.Value.Data;
            _total = page.Value.Pagination.Total;
            _onPage = _rows.Select(j => j.Id).ToHashSet();
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task OnPageChanged(int page)
    {
        _page = page;
        await LoadAsync();
    }

    private async Task OnPageSizeChanged(int size)
    {
        _pageSize = size;
        _page = 1;
        await LoadAsync();
    }

    private (string Status, int Progress) Live(SplitJobView job) => _live.TryGetValue(job.Id, out var live) ? live : (job.Status, job.Progress);

    /// <summary>Runs on the worker's thread: hop onto the circuit, update in place, reload when a job finishes or appears.</summary>
    private void OnJobChanged(JobEvent change)
    {
        if (change.AccountId != _accountId)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            // Raised on a worker's thread: it can arrive after the page went away.
            if (IsDisposed)
            {
                return;
            }

            var finished = change.Status is JobStatus.Completed or JobStatus.Failed;
            if (_onPage.Contains(change.JobId) && !finished)
            {
                _live[change.JobId] = (change.Status, change.Progress);
                StateHasChanged();
            }
            else
            {
                await LoadAsync();
                StateHasChanged();
            }
        });
    }

    internal async Task OnStatusChanged(string? status)
    {
        _status = status;
        _page = 1;
        await LoadAsync();
        StateHasChanged();
    }

    private void OnRowClick(DataGridRowClickEventArgs<SplitJobView> args) => Navigation.NavigateTo($"/jobs/{args.Item.Id}");

    private async Task DeleteAsync(SplitJobView job)
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, "Delete this job?",
                $"The source and all parts of {SourceName(job)} are deleted at once. This cannot be undone.", "Delete"))
        {
            return;
        }

        var deleted = await Session.RunAsync<SplitManagement>(s => s.DeleteAsync(job.Id, ComponentToken));
        if (Toaster.Check(deleted))
        {
            Toaster.Success("Job deleted.");
            await LoadAsync();
        }
    }

    internal static string SourceName(SplitJobView job) =>
        job.SourceFileName ?? (job.SourceUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) is { Length: > 0 } n ? n : uri.Host : "upload");

    internal static string ModeText(SplitJobView job) => job.SplitMode switch
    {
        SplitModes.Duration => $"every {job.SegmentDuration} s",
        SplitModes.FileSize => $"parts ≤ {ByteSize.Format(job.MaxFileSize ?? 0)}",
        SplitModes.Parts => $"{job.Parts} equal parts",
        _ => job.SplitMode,
    };

    protected override ValueTask DisposeAsyncCore()
    {
        JobEvents.Changed -= OnJobChanged;
        return ValueTask.CompletedTask;
    }
}
