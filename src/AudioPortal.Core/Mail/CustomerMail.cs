using System.Globalization;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Mail;

/// <summary>
/// Every mail AudioPortal sends a customer, written in one place: short plain text with a link to the page that
/// deals with it (absolute when <see cref="PublicAddress"/> knows this server's address). Sending never throws into
/// the caller: the action that caused the mail has already happened and must not fail because of it. A host without
/// a <see cref="PublicAddress"/> (billing alone, as in tools and some tests) writes relative links.
/// </summary>
public sealed class CustomerMail(IServiceScopeFactory scopes, MailOutbox outbox, ILogger<CustomerMail> logger, PublicAddress? address = null)
{
    public const string ProductName = "AudioPortal";

    public Task ConfirmationAsync(string email, string link) =>
        outbox.PostAsync(new(email, $"Confirm your {ProductName} account", $"Confirm your account by opening: {link}"));

    public Task PasswordResetAsync(string email, string link) =>
        outbox.PostAsync(new(email, $"Reset your {ProductName} password", $"Reset your password by opening: {link}\n\nIf you did not ask for this, ignore this message."));

    public Task PasswordResetCodeAsync(string email, string code) =>
        outbox.PostAsync(new(email, $"Your {ProductName} password reset code", $"Your password reset code is: {code}"));

    public Task ExportReadyAsync(string accountId, DateTimeOffset expiresAt) =>
        ToAccountAsync(accountId, "Your data export is ready",
            $"The export of your account data is ready. Download it from {Link("/settings")} before {Day(expiresAt)}.");

    public Task WebhooksDisabledAsync(string accountId, int failedEvents) =>
        ToAccountAsync(accountId, "Your webhooks were turned off",
            $"The last {failedEvents} webhook events to your endpoint failed every attempt, so webhooks are turned off for your account. " +
            $"Fix the endpoint, then turn them on again at {Link("/webhooks")}; events waiting to be delivered are sent then.");

    public Task PaymentFailedAsync(string accountId, string invoiceNumber) =>
        ToAccountAsync(accountId, "A payment failed",
            $"The payment of invoice {invoiceNumber} failed. Please update your payment method at {Link("/billing")}; " +
            "upgrades are refused while an invoice is unpaid.");

    public Task PlanChangedAsync(string accountId, string what) =>
        ToAccountAsync(accountId, "Your plan changed", $"{what}\n\nSee your plan and usage at {Link("/billing")}.");

    public Task QuotaReachedAsync(string accountId, int percent, int used, int included, DateTimeOffset periodEnd) =>
        ToAccountAsync(accountId, $"You have used {percent} % of your included minutes",
            $"You have used {used} of the {included} minutes included in your plan this period (until {Day(periodEnd)}). " +
            (percent >= 100 ? "Further jobs are refused on the free plan, or billed as overage on a paid plan. " : "") +
            $"See your usage or change your plan at {Link("/billing")}.");

    private async Task ToAccountAsync(string accountId, string subject, string body)
    {
        try
        {
            // The context factory is scoped (its contexts are bound to the caller's account); this is a singleton.
            await using var scope = scopes.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(CancellationToken.None);
            var email = await db.Users.AsNoTracking()
                .Where(a => a.Id == accountId && a.DeletedAt == null).Select(a => a.Email).FirstOrDefaultAsync(CancellationToken.None);
            if (string.IsNullOrEmpty(email))
            {
                return; // deleted since (or never had an address): nobody to tell
            }

            await outbox.PostAsync(new(email, subject, body));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Mail \"{Subject}\" to account {AccountId} could not be prepared", subject, accountId);
        }
    }

    private string Link(string path) => (address?.BaseUrl ?? "") + path;

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
