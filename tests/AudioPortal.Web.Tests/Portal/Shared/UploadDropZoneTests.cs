using AudioPortal.Web.Components.Shared;
using AudioPortal.Web.Errors;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace AudioPortal.Web.Tests.Portal.Shared;

/// <summary>
/// The drop zone's life with the browser: pages remove it while its module is still loading (New split hides it
/// once the upload it came with is probed; the dashboard navigates away after an upload), and nothing it hands
/// the browser may be used after that.
/// </summary>
public sealed class UploadDropZoneTests : BunitContext, IAsyncLifetime
{
    private readonly BrowserStandIn _browser = new();

    public UploadDropZoneTests()
    {
        Services.AddMudServices();
        Services.AddScoped<ErrorToaster>();
        Services.AddSingleton<IJSRuntime>(_browser);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public async Task A_zone_removed_while_its_module_loads_never_hands_the_browser_a_disposed_reference()
    {
        Render<UploadDropZone>();
        Assert.True(_browser.ImportRequested);

        await DisposeComponentsAsync();
        var module = new ModuleStandIn();
        await Renderer.Dispatcher.InvokeAsync(() => _browser.Import.SetResult(module));
        await module.Settled(m => m.Released);

        Assert.Empty(module.Calls);
        Assert.True(module.Released, "a module that arrives after the zone is gone is released at once");
    }

    [Fact]
    public async Task Removing_a_zone_detaches_the_browser_side_before_its_reference_is_released()
    {
        var module = new ModuleStandIn();
        _browser.Import.SetResult(module);
        Render<UploadDropZone>();
        await module.Settled(m => m.Calls.Count == 1);

        await DisposeComponentsAsync();

        Assert.Equal(["attach", "detach"], module.Calls.Select(c => c.Identifier));
        Assert.All(module.Calls, c => Assert.True(c.ReferenceAlive, $"{c.Identifier} was given a disposed reference"));
        Assert.True(module.Released);
        Assert.Throws<ObjectDisposedException>(() => module.Calls[0].Reference!.Value);
    }

    /// <summary>The browser's side of JS interop (the true edge): <c>import</c> answers when the test says so.</summary>
    private sealed class BrowserStandIn : IJSRuntime
    {
        public TaskCompletionSource<IJSObjectReference> Import { get; } = new();

        public bool ImportRequested { get; private set; }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            Assert.Equal("import", identifier);
            ImportRequested = true;
            return (TValue)await Import.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Records each call and whether the component reference in it was still usable, as the real
    /// runtime's serializer requires (it throws ObjectDisposedException for a disposed one).</summary>
    private sealed class ModuleStandIn : IJSObjectReference
    {
        public List<(string Identifier, DotNetObjectReference<UploadDropZone>? Reference, bool ReferenceAlive)> Calls { get; } = [];

        public bool Released { get; private set; }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            var reference = args?.OfType<DotNetObjectReference<UploadDropZone>>().FirstOrDefault();
            var alive = reference is null || IsAlive(reference);
            Calls.Add((identifier, reference, alive));
            return alive ? ValueTask.FromResult(default(TValue)!) : throw new ObjectDisposedException(nameof(DotNetObjectReference));
        }

        public ValueTask DisposeAsync()
        {
            Released = true;
            return ValueTask.CompletedTask;
        }

        /// <summary>Waits (bounded) for the component's continuations to reach the state the test expects.</summary>
        public async Task Settled(Func<ModuleStandIn, bool> condition)
        {
            for (var i = 0; i < 100 && !condition(this); i++)
            {
                await Task.Delay(20);
            }
        }

        private static bool IsAlive(DotNetObjectReference<UploadDropZone> reference)
        {
            try
            {
                _ = reference.Value;
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
