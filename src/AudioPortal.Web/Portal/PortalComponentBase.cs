using Microsoft.AspNetCore.Components;

namespace AudioPortal.Web.Portal;

/// <summary>
/// The base of the portal's pages and components that call services. A page's calls belong to the page: when the
/// user navigates away or the circuit closes, <see cref="ComponentToken"/> is cancelled so a slow query, probe or
/// Stripe call stops instead of finishing for nobody. Asynchronous disposal only (as MudBlazor's components do):
/// Blazor calls just <see cref="IAsyncDisposable.DisposeAsync"/> when a component implements both.
/// </summary>
public abstract class PortalComponentBase : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _lifetime = new();

    // Read once: a token taken from a disposed source still reports cancellation, while the source's Token would throw.
    protected PortalComponentBase() => ComponentToken = _lifetime.Token;

    /// <summary>Cancelled when the component is removed from the page; pass it to every service call.</summary>
    protected CancellationToken ComponentToken { get; }

    /// <summary>Whether the component has been removed (a late event from a worker must not render it).</summary>
    protected bool IsDisposed { get; private set; }

    public async ValueTask DisposeAsync()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        await _lifetime.CancelAsync();
        _lifetime.Dispose();
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>What a component releases besides its calls (event subscriptions, JS modules, staged uploads).</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
