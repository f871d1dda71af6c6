using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AudioPortal.Core.Accounts;
using AudioPortal.Web.Tests.Billing;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace AudioPortal.Web.Tests.Mail;

/// <summary>
/// With <c>Mail:Smtp:Host</c> set, the customer mails go to a real SMTP server on loopback (the npm smtp-server sink),
/// each once, and a server that refuses mail never fails the action that caused it.
/// </summary>
public sealed partial class CustomerMailOverSmtpTests : IAsyncLifetime
{
    private const string NewPassword = "Brand-New-Horse-7";
    private readonly BillingApp _app = new(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));
    private SmtpSink _sink = null!;

    public async Task InitializeAsync() => _sink = await SmtpSink.StartAsync();

    [NodeFact]
    public async Task A_password_reset_is_sent_over_smtp_to_the_account_with_a_link_that_resets_the_password()
    {
        _sink.Configure(_app);
        var account = await _app.CreateAccountAsync();
        using var browser = _app.Browser();

        var sent = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = account.Email });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var mail = await _sink.WaitForAsync(account.Email, "Reset your AudioPortal password");
        Assert.Equal("portal@audio.example.com", mail.From.Mailboxes.Single().Address);
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Groups[1].Value);
        var code = System.Web.HttpUtility.ParseQueryString(link.Query)["code"]!;
        var reset = await browser.PostFormAsync(link.PathAndQuery, "reset-password", new()
        {
            ["Input.Code"] = code, ["Input.Email"] = account.Email, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.EndsWith("/Account/ResetPasswordConfirmation", reset.Headers.Location?.OriginalString);
        Assert.False(string.IsNullOrEmpty((await _app.GetTokensAsync(account with { Password = NewPassword })).AccessToken));
    }

    [NodeFact]
    public async Task Quota_mails_go_once_at_80_and_once_at_100_percent_of_the_included_minutes_of_a_period()
    {
        _sink.Configure(_app);
        var account = await _app.NewAccountIdAsync(); // the free plan: 60 minutes a month
        var email = await EmailOfAsync(account);

        await _app.CompleteJobAsync(account, "job_a", 47 * 60); // 47: below 80 % (48)
        await _app.CompleteJobAsync(account, "job_b", 60); // 48: 80 %
        await _app.CompleteJobAsync(account, "job_c", 5 * 60); // 53: past 80 % again, no new mail
        await _app.CompleteJobAsync(account, "job_d", 7 * 60); // 60: 100 %

        var full = await _sink.WaitForAsync(email, "100 %");
        Assert.Contains("60 of the 60 minutes", full.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.test/billing", full.TextBody, StringComparison.Ordinal);
        var quota = _sink.To(email).Where(m => m.Subject?.StartsWith("You have used", StringComparison.Ordinal) == true).Select(m => m.Subject).ToList();
        Assert.Equal(["You have used 80 % of your included minutes", "You have used 100 % of your included minutes"], quota);
    }

    [NodeFact]
    public async Task A_plan_change_and_a_finished_export_each_send_one_mail()
    {
        _sink.Configure(_app);
        var user = await _app.CreateAccountAsync();
        using var client = _app.CreateClientWithToken((await _app.GetTokensAsync(user)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/v1/billing/payment-method", new { type = "invoice" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/billing/subscribe", new { planId = "plan_starter" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/billing/change-plan", new { planId = "plan_pro" })).StatusCode);
        Assert.True((await client.PostAsJsonAsync("/api/v1/account/export", new { format = "json" })).IsSuccessStatusCode);
        await _app.Services.GetRequiredService<AccountExportWorker>().ProcessDueAsync(default);

        var changed = await _sink.WaitForAsync(user.Email, "Your plan changed");
        Assert.Contains("Upgraded to", changed.TextBody, StringComparison.Ordinal);
        var export = await _sink.WaitForAsync(user.Email, "Your data export is ready");
        Assert.Contains("/settings", export.TextBody, StringComparison.Ordinal);
        Assert.Single(_sink.To(user.Email), m => m.Subject == "Your plan changed");
        Assert.Single(_sink.To(user.Email), m => m.Subject == "Your data export is ready");
    }

    [NodeFact]
    public async Task A_server_that_refuses_mail_fails_no_request_and_the_failure_is_logged()
    {
        await using var refusing = await SmtpSink.StartAsync(refuseAll: true);
        refusing.Configure(_app);
        var logs = new LogCapture(LogLevel.Warning);
        await using var app = _app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var account = await app.CreateAccountAsync();
        using var browser = app.Browser();

        var sent = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = account.Email });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!logs.Lines.Any(l => l.Message.Contains($"Mail to {account.Email}", StringComparison.Ordinal) && l.Message.Contains("failed (attempt 1)", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The refused mail was not logged.");
            await Task.Delay(100);
        }

        Assert.Empty(refusing.Messages());
    }

    private Task<string> EmailOfAsync(string accountId) =>
        _app.WithDbAsync(async db => (await db.Users.FindAsync(accountId))!.Email!);

    [GeneratedRegex(@"opening: (\S+)")]
    private static partial Regex LinkPattern();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sink.DisposeAsync();
    }
}
