using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Components.Shared;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Portal;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Price = AudioPortal.Web.Components.Shared.Money;

namespace AudioPortal.Web.Billing.Pages;

/// <summary>Billing: the plan and its usage, changing plan (Stripe checkout or direct), the payment method, cancelling, and the invoices.</summary>
public partial class BillingPage : PortalComponentBase
{
    [Inject]
    private PortalSession Session { get; set; } = null!;

    [Inject]
    private PlanCatalog Plans { get; set; } = null!;

    [Inject]
    private ErrorToaster Toaster { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    private BillingOverview? _overview;
    private UsageReport? _usage;
    private IReadOnlyList<Invoice>? _invoices;
    private bool _busy;

    private bool IsStripe => _overview?.Provider == "stripe";

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var overview = await Session.RunAsync<BillingService, BillingOverview>(async (b, id) => await b.GetOverviewAsync(id, ComponentToken));
        var usage = await Session.RunAsync<BillingService, UsageReport>((b, id) => b.GetUsageAsync(id, null, ComponentToken));
        var invoices = await Session.RunAsync<BillingService, InvoicePage>((b, id) => b.ListInvoicesAsync(id, 1, 24, ComponentToken));
        if (Toaster.Check(overview) && Toaster.Check(usage))
        {
            (_overview, _usage) = (overview.Value, usage.Value);
        }

        _invoices = invoices.IsSuccess ? invoices.Value.Items : [];
    }

    /// <summary>Subscribe (no paid plan yet) or change plan. Stripe subscriptions start at Stripe Checkout.</summary>
    private async Task ChooseAsync(Plan plan)
    {
        _busy = true;
        try
        {
            if (_overview!.Subscription is not null)
            {
                if (!await ConfirmDialog.AskAsync(Dialogs, $"Switch to {plan.Name}?", PlanChangeText(plan), "Switch plan"))
                {
                    return;
                }

                var changed = await Session.RunAsync<BillingService, PlanChange>((b, id) => b.ChangePlanAsync(id, plan.Id, ComponentToken));
                if (Toaster.Check(changed))
                {
                    Toaster.Success($"Plan change to {plan.Name} recorded.");
                }
            }
            else if (IsStripe)
            {
                var url = await Session.RunAsync<BillingService, string>((b, id) => b.CreateCheckoutUrlAsync(id, plan.Id, ComponentToken));
                if (Toaster.Check(url))
                {
                    Navigation.NavigateTo(url.Value, forceLoad: true);
                    return;
                }
            }
            else
            {
                await SubscribeOfflineAsync(plan);
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The offline flow: "invoice me" becomes the payment method, then the subscription starts.</summary>
    private async Task SubscribeOfflineAsync(Plan plan)
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, $"Subscribe to {plan.Name}?",
                $"{Price.Format(plan.PricePerMonth, plan.Currency)} a month, billed by invoice. {plan.MonthlyMinutes:N0} minutes are included each period.", "Subscribe", null))
        {
            return;
        }

        if (_overview!.PaymentMethod is null)
        {
            var method = await Session.RunAsync<BillingService, PaymentMethod>((b, id) => b.UseInvoicePaymentAsync(id, ComponentToken));
            if (!Toaster.Check(method))
            {
                return;
            }
        }

        var subscribed = await Session.RunAsync<BillingService, Subscription>((b, id) => b.SubscribeAsync(id, plan.Id, ComponentToken));
        if (Toaster.Check(subscribed))
        {
            Toaster.Success($"You are now on {plan.Name}.");
        }
    }

    private async Task CancelAsync()
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, "Cancel the subscription?",
                "The plan stays in force until the end of the current period, then the account returns to the free plan.", "Cancel subscription"))
        {
            return;
        }

        var cancelled = await Session.RunAsync<BillingService, Subscription>((b, id) => b.CancelAsync(id, false, null, ComponentToken));
        if (Toaster.Check(cancelled))
        {
            Toaster.Success("The subscription ends with the current period.");
            await LoadAsync();
        }
    }

    private async Task OpenPortalAsync()
    {
        var url = await Session.RunAsync<BillingService, string>((b, id) => b.CreatePortalUrlAsync(id, ComponentToken));
        if (Toaster.Check(url))
        {
            Navigation.NavigateTo(url.Value, forceLoad: true);
        }
    }

    private string PlanChangeText(Plan to) => PlanChanges.IsUpgrade(_overview!.Plan, to)
        ? $"{to.Name} takes effect now; the price difference for the rest of this period is invoiced (prorated)."
        : $"{to.Name} takes effect at the end of this period; until then you keep {_overview.Plan.Name}.";
}
