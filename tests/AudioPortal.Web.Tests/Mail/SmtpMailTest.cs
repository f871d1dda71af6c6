using AudioPortal.Core.Mail;
using AudioPortal.Web.Tests.Billing;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AudioPortal.Web.Tests.Mail;

/// <summary>
/// One app (fake clock) whose mail goes to its own SMTP sink process, started per test in <paramref name="sinkMode"/>
/// (see <see cref="SmtpSink.StartAsync"/>).
/// </summary>
public abstract class SmtpMailTest(string sinkMode = "accept") : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    protected BillingApp App { get; } = new(Now);

    protected SmtpSink Sink { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sink = await SmtpSink.StartAsync(sinkMode);
        Sink.Configure(App);
        App.Settings["PublicBaseUrl"] = "https://portal.test"; // the links in mail
    }

    protected async Task<string> EmailOfAsync(string accountId) =>
        await App.WithDbAsync(async db => (await db.Users.FindAsync(accountId))!.Email!);

    /// <summary>
    /// Every mail to <paramref name="email"/> once the queue is through: a marker mail posted behind everything sent so
    /// far arrives last (one sender, in order), so a mail that should not exist has had its chance to arrive.
    /// </summary>
    protected async Task<List<MimeMessage>> AllMailToAsync(string email)
    {
        var marker = Guid.NewGuid().ToString("N");
        await App.Services.GetRequiredService<CustomerMail>().PasswordResetCodeAsync(email, marker);
        var deadline = DateTime.UtcNow + SmtpSink.ArrivalTimeout;
        while (!Sink.To(email).Any(m => m.TextBody?.Contains(marker, StringComparison.Ordinal) == true))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The marker mail to {email} did not arrive within {SmtpSink.ArrivalTimeout.TotalSeconds} s.");
            await Task.Delay(50);
        }

        return [.. Sink.To(email).Where(m => m.TextBody?.Contains(marker, StringComparison.Ordinal) != true)];
    }

    /// <summary>Waits (bounded) until the app logged a warning or error containing every one of <paramref name="parts"/>.</summary>
    protected async Task WaitForLogAsync(params string[] parts)
    {
        var deadline = DateTime.UtcNow + SmtpSink.ArrivalTimeout;
        while (!Logged(parts))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No log line with [{string.Join(", ", parts)}] within {SmtpSink.ArrivalTimeout.TotalSeconds} s; logged: {string.Join(" | ", App.Logs.Lines.Select(l => l.Message))}");
            await Task.Delay(50);
        }
    }

    protected bool Logged(params string[] parts) => App.Logs.Lines.Any(l => parts.All(p => l.Message.Contains(p, StringComparison.Ordinal)));

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
