using AudioPortal.Web.Components.Shared;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace AudioPortal.Web.Tests.Portal.Shared;

/// <summary>The copy button's call into the browser, when the browser cannot or can no longer answer.</summary>
public sealed class CopyButtonTests : BunitContext, IAsyncLifetime
{
    public CopyButtonTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public void A_copy_pressed_as_the_circuit_closes_ends_quietly()
    {
        var browser = new GoneBrowser();
        Services.AddSingleton<IJSRuntime>(browser);
        var button = Render<CopyButton>(p => p.Add(x => x.Text, "secret"));

        button.Find("button.copy-button").Click();

        Assert.Single(browser.Calls, c => c == "import");
    }

    [Fact]
    public void A_refused_copy_tells_the_user_to_copy_by_hand()
    {
        var module = JSInterop.SetupModule("./js/portal.js");
        module.SetupVoid("copyText", "secret").SetException(new JSException("denied"));
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var button = Render<CopyButton>(p => p.Add(x => x.Text, "secret"));

        button.Find("button.copy-button").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("select the text and copy it by hand", snackbars.Markup));
    }

    /// <summary>A browser whose connection has just closed: every call ends in JSDisconnectedException.</summary>
    private sealed class GoneBrowser : IJSRuntime
    {
        public List<string> Calls { get; } = [];

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            Calls.Add(identifier);
            return ValueTask.FromException<TValue>(new JSDisconnectedException("The circuit is gone."));
        }
    }
}
