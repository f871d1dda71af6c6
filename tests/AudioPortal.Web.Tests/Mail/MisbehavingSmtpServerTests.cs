using System.Diagnostics;
using System.Net;
using AudioPortal.Core.Mail;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Mail;

/// <summary>A server that refuses mail for a while: the request that caused the mail succeeds, and the mail is retried after the backoff's pauses until it goes through.</summary>
public sealed class RefusingSmtpServerTests() : SmtpMailTest("refuse:2")
{
    [NodeFact]
    public async Task A_refused_mail_fails_no_request_stays_queued_and_is_sent_after_the_backoffs_pauses()
    {
        var account = await App.CreateAccountAsync();
        using var browser = App.Browser();

        var sent = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = account.Email });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await WaitForLogAsync($"Mail to {account.Email}", "failed (attempt 1)", "451", "trying again in 00:00:05");
        App.Clock.Advance(MailOutbox.RetryDelays[0]);
        await WaitForLogAsync($"Mail to {account.Email}", "failed (attempt 2)", "trying again in 00:00:30");

        App.Clock.Advance(MailOutbox.RetryDelays[1] - TimeSpan.FromSeconds(1));
        await Task.Delay(500); // a pause that ended early would send (and be accepted) now
        Assert.Empty(Sink.Messages());
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await Sink.WaitForAsync(account.Email, "Reset your AudioPortal password");
        Assert.False(Logged("failed (attempt 3)"));
    }
}

/// <summary>A server that accepts the connection but never answers: the send gives up at <c>Mail:Smtp:TimeoutSeconds</c> and the mail is retried.</summary>
public sealed class StallingSmtpServerTests() : SmtpMailTest("stall:1")
{
    [NodeFact]
    public async Task A_send_to_a_server_that_never_answers_times_out_after_the_configured_seconds_and_is_retried()
    {
        App.Settings["Mail:Smtp:TimeoutSeconds"] = "2";
        var account = await App.CreateAccountAsync();
        using var browser = App.Browser();
        await browser.GetStringAsync("/Account/ForgotPassword"); // warm: the timing below is the mail's, not the first render's

        var clock = Stopwatch.StartNew();
        var sent = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = account.Email });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"The request waited {clock.Elapsed} for SMTP.");

        await WaitForLogAsync($"Mail to {account.Email}", "failed (attempt 1)", "did not take the mail within 2 s");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(15));
        App.Clock.Advance(MailOutbox.RetryDelays[0]);
        await Sink.WaitForAsync(account.Email, "Reset your AudioPortal password");
    }
}

/// <summary>A server that refuses every mail: each attempt is logged, nothing is delivered, and the app still stops promptly with the mail in the log.</summary>
public sealed class DownSmtpServerTests() : SmtpMailTest("refuse:all")
{
    [NodeFact]
    public async Task A_mail_refused_at_every_attempt_is_given_up_after_the_last_pause_with_an_error()
    {
        var account = await App.CreateAccountAsync();
        await App.Services.GetRequiredService<CustomerMail>().PasswordResetCodeAsync(account.Email, "123456");

        for (var attempt = 1; attempt <= MailOutbox.RetryDelays.Length; attempt++)
        {
            await WaitForLogAsync($"Mail to {account.Email}", $"failed (attempt {attempt})");
            App.Clock.Advance(MailOutbox.RetryDelays[attempt - 1]);
        }

        await WaitForLogAsync($"Mail to {account.Email}", $"given up after {MailOutbox.RetryDelays.Length + 1} attempts");
        Assert.Contains(App.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("given up", StringComparison.Ordinal));
        Assert.Empty(Sink.Messages());
    }

    [NodeFact]
    public async Task A_mail_still_waiting_when_the_server_stops_is_reported_as_not_sent()
    {
        var account = await App.CreateAccountAsync();
        using var browser = App.Browser();
        await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = account.Email });
        await WaitForLogAsync($"Mail to {account.Email}", "failed (attempt 1)");

        var clock = Stopwatch.StartNew();
        await App.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Stopping took {clock.Elapsed}.");
        Assert.True(Logged($"Mail to {account.Email}", "not sent: the server is stopping"));
        Assert.Empty(Sink.Messages());
    }
}

/// <summary>One refused mail waits out its pause alone: the mails posted after it are sent at once.</summary>
public sealed class OnceRefusingSmtpServerTests() : SmtpMailTest("refuse:1")
{
    [NodeFact]
    public async Task A_refused_mail_does_not_hold_up_the_mails_behind_it()
    {
        var first = await App.CreateAccountAsync();
        var second = await App.CreateAccountAsync();
        var mail = App.Services.GetRequiredService<CustomerMail>();

        await mail.PasswordResetCodeAsync(first.Email, "111111");
        await WaitForLogAsync($"Mail to {first.Email}", "failed (attempt 1)");
        await mail.PasswordResetCodeAsync(second.Email, "222222");

        await Sink.WaitForAsync(second.Email, "password reset code");
        Assert.Empty(Sink.To(first.Email));
        App.Clock.Advance(MailOutbox.RetryDelays[0]);
        Assert.Contains("111111", (await Sink.WaitForAsync(first.Email, "password reset code")).TextBody, StringComparison.Ordinal);
    }
}
