using AudioPortal.Cli;
using AudioPortal.Core.Billing.Offline;

namespace AudioPortal.Web.Cli;

/// <summary><c>billing</c>: operator actions of the offline provider (payments arrive outside the system).</summary>
public sealed class BillingVerb : ICliVerb
{
    public string Name => "billing";

    public bool UsesDatabase => true;

    public string Summary => "Mark invoices paid and close ended billing periods (offline provider).";

    public string Usage => """
        Usage: billing mark-paid --invoice <INV-2026-0001|inv_…>
               billing close-period

          mark-paid     Marks an open invoice paid (by number or id); new jobs are no longer blocked by it.
          close-period  Closes every subscription period that has ended: invoices overage and the next base fee,
                        applies scheduled downgrades and cancellations (the server's timer does this too).
        """;

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var action = args.Positional(0, "an action (mark-paid or close-period)");
        switch (action)
        {
            case "mark-paid":
                var invoiceId = args.Required("invoice");
                args.EnsureAllUsed();
                var paid = await context.Services.GetRequiredService<InvoiceAdmin>().MarkPaidAsync(invoiceId, context.CancellationToken);
                if (!paid.IsSuccess)
                {
                    await context.Error.WriteLineAsync($"error: {paid.Error.Message}");
                    return 1;
                }

                await context.Out.WriteLineAsync($"Invoice {paid.Value.Number} is {paid.Value.Status} ({paid.Value.Amount} {paid.Value.Currency} cents).");
                return 0;
            case "close-period":
                args.EnsureAllUsed();
                var closed = await context.Services.GetRequiredService<OfflineBillingCycle>().CloseDuePeriodsAsync(context.CancellationToken);
                await context.Out.WriteLineAsync($"Closed {closed} billing period(s).");
                return 0;
            default:
                throw new CliUsageException($"Unknown billing action '{action}'.");
        }
    }
}
