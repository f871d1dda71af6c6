using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Portal;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AudioPortal.Web.Accounts.Pages;

/// <summary>"Export my data": starts an export, lists the recent ones, and re-reads them on a timer while one is still being written.</summary>
public partial class AccountExportSection : PortalComponentBase
{
    [Inject]
    private PortalSession Session { get; set; } = null!;

    [Inject]
    private ErrorToaster Toaster { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    private IReadOnlyList<AccountExportView> _exports = [];
    private string _format = ExportFormats.Json;
    private bool _starting;
    private bool _polling;

    /// <summary>How often a pending export is re-read.</summary>
    [Parameter]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    protected override async Task OnInitializedAsync() => await LoadAsync(showErrors: false);

    private async Task StartAsync()
    {
        _starting = true;
        try
        {
            var started = await Session.RunAsync<AccountExportService, AccountExportView>(s => s.CreateAsync(_format, null, ComponentToken));
            if (Toaster.Check(started))
            {
                Toaster.Success("Export started; it appears here when it is ready.");
                await LoadAsync(showErrors: true);
            }
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task LoadAsync(bool showErrors)
    {
        var recent = await Session.RunAsync<AccountExportService, IReadOnlyList<AccountExportView>>(s => s.ListRecentAsync(5, ComponentToken));
        if (recent.IsSuccess)
        {
            _exports = recent.Value;
        }
        else if (showErrors)
        {
            Toaster.Show(recent.Error);
        }

        if (!_polling && _exports.Any(IsPending))
        {
            _polling = true;
            _ = PollAsync();
        }
    }

    /// <summary>Re-reads the list while an export is pending; stops when none is, or when the page goes away.</summary>
    private async Task PollAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(PollInterval, Clock);
            while (await timer.WaitForNextTickAsync(ComponentToken))
            {
                await InvokeAsync(async () =>
                {
                    if (IsDisposed)
                    {
                        return;
                    }

                    var recent = await Session.RunAsync<AccountExportService, IReadOnlyList<AccountExportView>>(s => s.ListRecentAsync(5, ComponentToken));
                    if (recent.IsSuccess)
                    {
                        _exports = recent.Value;
                        StateHasChanged();
                    }
                });
                if (!_exports.Any(IsPending))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _polling = false;
        }
    }

    private static bool IsPending(AccountExportView export) => export.Status is ExportStatus.Queued or ExportStatus.Processing;

    private static Color ChipColor(string status) => status switch
    {
        ExportStatus.Completed => Color.Success,
        ExportStatus.Failed => Color.Error,
        ExportStatus.Processing => Color.Info,
        _ => Color.Default,
    };
}
