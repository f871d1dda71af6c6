using AudioPortal.Core.Accounts;
using AudioPortal.Core.Mail;
using AudioPortal.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace AudioPortal.Web.Mail;

/// <summary>Customer mail: over SMTP when <c>Mail:Smtp:Host</c> is set, else to <c>data/mail</c>; Identity's mails go the same way.</summary>
public static class MailWiring
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSectionOptions<SmtpOptions>(SmtpOptions.Section);
        if (builder.Configuration.ReadSection<SmtpOptions>(SmtpOptions.Section).IsConfigured)
        {
            builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            builder.Services.AddSingleton<IMailTransport, FolderMailTransport>();
        }

        builder.Services.AddCustomerMail();
        builder.Services.AddSingleton<IEmailSender<Account>, IdentityMailSender>();
        builder.Services.AddHostedService<MailBackgroundService>();
        return builder;
    }
}

/// <summary>Sends queued mail (SMTP) on every server, since any server's requests may queue a password reset.</summary>
internal sealed class MailBackgroundService(MailOutbox outbox, IHostApplicationLifetime lifetime) : AfterStartService(lifetime)
{
    protected override Task RunAsync(CancellationToken stoppingToken) => outbox.RunAsync(stoppingToken);
}
