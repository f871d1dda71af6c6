using AudioPortal.Core.Accounts;
using AudioPortal.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AudioPortal.Web.Accounts;

/// <summary>
/// Fills the circuit's scoped <see cref="CurrentAccount"/> from the signed-in portal user when the circuit opens
/// and whenever the authentication state changes, so the tenant filter works in interactive pages.
/// (Per-request scopes are filled by the authentication middleware instead.)
/// </summary>
internal sealed class CircuitAccountHandler(AuthenticationStateProvider authentication, CurrentAccount current) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        Apply(await authentication.GetAuthenticationStateAsync());
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;

    private async void OnChanged(Task<AuthenticationState> state)
    {
        try
        {
            Apply(await state);
        }
        catch (Exception)
        {
            // A failed state means signed out.
            current.Clear();
        }
    }

    private void Apply(AuthenticationState state)
    {
        current.Clear();
        AuthClaims.Apply(state.User, current);
    }
}
