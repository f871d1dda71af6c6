using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AudioPortal.Core.Accounts;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Mail;

/// <summary>
/// With <c>Mail:Smtp:Host</c> set, the account mails go to a real SMTP server on loopback (the npm smtp-server sink),
/// each once, from the configured sender, with links that work.
/// </summary>
public sealed partial class CustomerMailOverSmtpTests : SmtpMailTest
{
    private const string NewPassword = "Brand-New-Horse-7";

    [NodeFact]
    public async Task A_password_reset_is_sent_over_smtp_to_the_account_with_a_link_that_resets_the_password()
    {
        var account = await App.CreateAccountAsync();
        using var browser = App.Browser();

        var sent = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = account.Email });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var mail = await Sink.WaitForAsync(account.Email, "Reset your AudioPortal password");
        Assert.Equal("portal@audio.example.com", mail.From.Mailboxes.Single().Address);
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Groups[1].Value);
        var code = System.Web.HttpUtility.ParseQueryString(link.Query)["code"]!;
        var reset = await browser.PostFormAsync(link.PathAndQuery, "reset-password", new()
        {
            ["Input.Code"] = code, ["Input.Email"] = account.Email, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.EndsWith("/Account/ResetPasswordConfirmation", reset.Headers.Location?.OriginalString);
        Assert.False(string.IsNullOrEmpty((await App.GetTokensAsync(account with { Password = NewPassword })).AccessToken));
    }

    [NodeFact]
    public async Task Registering_sends_a_confirmation_mail_whose_link_confirms_the_address_once_and_only_with_its_code()
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        using var browser = App.Browser();
        var registered = await browser.PostFormAsync("/Account/Register", "register", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        var mail = await Sink.WaitForAsync(email, "Confirm your AudioPortal account");
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Groups[1].Value);
        Assert.Equal("https://portal.test/Account/ConfirmEmail", link.GetLeftPart(UriPartial.Path));
        Assert.Contains("invalid or has expired", await browser.GetStringAsync(link.PathAndQuery.Replace("code=", "code=x", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.False(await ConfirmedAsync(email));

        Assert.Contains("Your email address is confirmed.", await browser.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        Assert.True(await ConfirmedAsync(email));
    }

    [NodeFact]
    public async Task Quota_mails_go_once_at_80_and_once_at_100_percent_of_the_included_minutes_of_a_period()
    {
        var account = await App.NewAccountIdAsync(); // the free plan: 60 minutes a month
        var email = await EmailOfAsync(account);

        await App.CompleteJobAsync(account, "job_a", 47 * 60); // 47: below 80 % (48)
        await App.CompleteJobAsync(account, "job_b", 60); // 48: 80 %
        await App.CompleteJobAsync(account, "job_c", 5 * 60); // 53: past 80 % again, no new mail
        await App.CompleteJobAsync(account, "job_d", 7 * 60); // 60: 100 %

        var full = await Sink.WaitForAsync(email, "100 %");
        Assert.Contains("60 of the 60 minutes", full.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.test/billing", full.TextBody, StringComparison.Ordinal);
        var quota = (await AllMailToAsync(email)).Where(m => m.Subject?.StartsWith("You have used", StringComparison.Ordinal) == true).Select(m => m.Subject).ToList();
        Assert.Equal(["You have used 80 % of your included minutes", "You have used 100 % of your included minutes"], quota);
    }

    [NodeFact]
    public async Task A_plan_change_and_a_finished_export_each_send_one_mail()
    {
        var user = await App.CreateAccountAsync();
        using var client = App.CreateClientWithToken((await App.GetTokensAsync(user)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/v1/billing/payment-method", new { type = "invoice" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/billing/subscribe", new { planId = "plan_starter" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/billing/change-plan", new { planId = "plan_pro" })).StatusCode);
        Assert.True((await client.PostAsJsonAsync("/api/v1/account/export", new { format = "json" })).IsSuccessStatusCode);
        await App.Services.GetRequiredService<AccountExportWorker>().ProcessDueAsync(default);

        var changed = await Sink.WaitForAsync(user.Email, "Your plan changed");
        Assert.Contains("Upgraded to", changed.TextBody, StringComparison.Ordinal);
        var export = await Sink.WaitForAsync(user.Email, "Your data export is ready");
        Assert.Contains("https://portal.test/settings", export.TextBody, StringComparison.Ordinal);
        var all = await AllMailToAsync(user.Email);
        Assert.Single(all, m => m.Subject == "Your plan changed");
        Assert.Single(all, m => m.Subject == "Your data export is ready");
    }

    private Task<bool> ConfirmedAsync(string email) =>
        App.WithDbAsync(db => db.Users.Where(a => a.Email == email).Select(a => a.EmailConfirmed).SingleAsync());

    [GeneratedRegex(@"opening: (\S+)")]
    internal static partial Regex LinkPattern();
}
