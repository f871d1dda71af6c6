using System.Text.Json;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Portal;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace AudioPortal.Web.Components.Shared;

/// <summary>Drag-and-drop or pick an audio file; wwwroot/js/upload.js streams it to POST /portal/uploads with a progress bar.</summary>
public partial class UploadDropZone : PortalComponentBase
{
    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private ErrorToaster Toaster { get; set; } = null!;

    [Inject]
    private IServiceProvider Services { get; set; } = null!;

    private readonly string _inputId = "upload-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _zone;
    private ElementReference _input;
    private IJSObjectReference? _module;
    private DotNetObjectReference<UploadDropZone>? _self;
    private bool _uploading;
    private string? _fileName;
    private long _sent;
    private long _total;

    /// <summary>The plan's limit, shown before upload and checked before sending; null while unknown.</summary>
    [Parameter]
    public long? MaxFileSize { get; set; }

    [Parameter]
    public EventCallback<UploadedFile> OnUploaded { get; set; }

    private double Percent => _total <= 0 ? 0 : _sent * 100.0 / _total;

    /// <summary>
    /// Loads the module and hands it this component. The page may remove the zone while <c>import</c> is awaited
    /// (New split hides it as soon as the upload it came with is probed; the dashboard navigates away), so the
    /// reference is created only after that await and only if the zone is still there, and a disposal during
    /// either call ends quietly instead of terminating the circuit.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || IsDisposed)
        {
            return;
        }

        var token = Services.GetService<AntiforgeryStateProvider>()?.GetAntiforgeryToken()?.Value;
        var header = Services.GetService<IOptions<AntiforgeryOptions>>()?.Value.HeaderName ?? "RequestVerificationToken";
        try
        {
            // Not cancelled on disposal: a module that arrives late is still released below, not leaked in the browser.
            var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/upload.js");
            if (IsDisposed)
            {
                await ReleaseAsync(module);
                return;
            }

            (_module, _self) = (module, DotNetObjectReference.Create(this));
            await _module.InvokeVoidAsync("attach", _zone, _input, _self,
                new { url = "/portal/uploads", antiforgeryHeader = header, antiforgeryToken = token });
        }
        catch (Exception e) when (IsDisposed && e is OperationCanceledException or JSDisconnectedException or ObjectDisposedException)
        {
            // Removed (or the circuit closed) while the browser was answering: nothing is left to attach to.
        }
    }

    [JSInvokable]
    public async Task<bool> OnFileChosen(string name, long size)
    {
        if (MaxFileSize is { } max && size > max)
        {
            Toaster.Show(ErrorCatalog.FileTooLarge.WithDetails(new Dictionary<string, object?> { ["maxFileSize"] = max },
                $"{name} is {ByteSize.Format(size)}, larger than your plan's maximum file size of {ByteSize.Format(max)}."));
            await RefreshAsync();
            return false;
        }

        (_uploading, _fileName, _sent, _total) = (true, name, 0, size);
        await RefreshAsync();
        return !IsDisposed;
    }

    [JSInvokable]
    public Task OnUploadProgress(long sent, long total)
    {
        (_sent, _total) = (sent, total);
        return RefreshAsync();
    }

    [JSInvokable]
    public async Task OnUploadDone(string uploadId, string fileName, long size)
    {
        _uploading = false;
        // The page may navigate away here (the dashboard does): this zone is disposed by the time it returns.
        await OnUploaded.InvokeAsync(new UploadedFile(uploadId, fileName, size));
        await RefreshAsync();
    }

    [JSInvokable]
    public Task OnUploadFailed(string? code, string? message, int status, string? detailsJson)
    {
        _uploading = false;
        Toaster.Show(ToError(code, message, status, detailsJson));
        return RefreshAsync();
    }

    [JSInvokable]
    public Task OnUploadCancelled()
    {
        _uploading = false;
        return RefreshAsync();
    }

    /// <summary>Re-renders unless the zone has been removed meanwhile.</summary>
    private Task RefreshAsync() => IsDisposed ? Task.CompletedTask : InvokeAsync(StateHasChanged);

    /// <summary>The server's envelope as a catalog error; a dropped connection is reported as one too.</summary>
    internal static AppError ToError(string? code, string? message, int status, string? detailsJson)
    {
        if (code is not null)
        {
            var details = detailsJson is null ? null
                : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(detailsJson)?.ToDictionary(p => p.Key, p => (object?)p.Value);
            return AppError.FromCode(code, message, details);
        }

        return status == 413
            ? ErrorCatalog.FileTooLarge.ToError()
            : ErrorCatalog.ServiceUnavailable.WithMessage("The upload was interrupted; check the connection and try again.");
    }

    private async Task CancelAsync()
    {
        if (_module is not null && !IsDisposed)
        {
            await _module.InvokeVoidAsync("cancel", ComponentToken, _zone);
        }
    }

    /// <summary>
    /// Stops everything in flight first (a pending import or attach, an upload in the browser, its listeners),
    /// then releases the module and only then the reference the browser was given, so no late callback can reach
    /// a disposed reference.
    /// </summary>
    protected override async ValueTask DisposeAsyncCore()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("detach", _zone);
            }
            catch (Exception e) when (e is JSDisconnectedException or JSException or TaskCanceledException)
            {
                // The circuit is gone (nothing left in the browser) or the zone's element already is.
            }

            await ReleaseAsync(_module);
        }

        _self?.Dispose();
    }

    private static async Task ReleaseAsync(IJSObjectReference module)
    {
        try
        {
            await module.DisposeAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException)
        {
            // The circuit is gone; nothing to release in the browser.
        }
    }
}
