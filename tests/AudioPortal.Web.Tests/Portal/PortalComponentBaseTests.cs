using AudioPortal.Web.Billing.Pages;
using AudioPortal.Web.Tests.Splits;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AudioPortal.Web.Tests.Portal;

/// <summary>
/// A page's calls belong to the page: removing it cancels what it still waits for. Shown with the billing page's
/// checkout, whose call goes out to Stripe — here a Stripe on 127.0.0.1 that never answers, so only the page's
/// cancellation can end the request (Stripe.net's own timeout is 80 s).
/// </summary>
public sealed class PortalComponentBaseTests : PortalTestContext
{
    private readonly SilentStripe _stripe;

    public PortalComponentBaseTests()
        : this(new SilentStripe())
    {
    }

    private PortalComponentBaseTests(SilentStripe stripe)
        : base(settings: stripe.Settings) => _stripe = stripe;

    [Fact]
    public async Task Leaving_a_page_cancels_the_call_it_is_still_waiting_for()
    {
        await using var stripe = _stripe;
        RenderProviders();
        var page = Render<BillingPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".choose-plan_starter")));
        _ = page.Find(".choose-plan_starter").ClickAsync(new MouseEventArgs());
        await stripe.Requested.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await DisposeComponentsAsync();

        var ended = await Task.WhenAny(stripe.Aborted.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(ended == stripe.Aborted.Task, "The Stripe request was still open 10 s after the page was disposed.");
    }

    /// <summary>Accepts each request and answers nothing until the caller gives up.</summary>
    private sealed class SilentStripe : IAsyncDisposable
    {
        private readonly LoopbackServer _server;

        public SilentStripe()
        {
            _server = LoopbackServer.StartAsync(async (context, _) =>
            {
                Requested.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Aborted.TrySetResult();
                }
            }).GetAwaiter().GetResult();
            Settings = new Dictionary<string, string>
            {
                ["Stripe:SecretKey"] = "sk_test_fake",
                ["Stripe:ApiBase"] = _server.BaseUrl.TrimEnd('/'),
                ["Stripe:WebhookSecret"] = "whsec_test",
                ["Stripe:Prices:plan_starter"] = "price_starter",
                ["Stripe:Prices:plan_pro"] = "price_pro",
                ["Billing:PublicBaseUrl"] = "https://portal.test",
            };
        }

        public IReadOnlyDictionary<string, string> Settings { get; }

        public TaskCompletionSource Requested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
