using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Mail;

/// <summary>One plain-text mail to one customer.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>
/// Where mail goes: a folder, an SMTP server, or the log. The one seam between the services that decide to mail
/// someone and the way it is delivered, so Core needs no mail library.
/// </summary>
public interface IMailTransport
{
    /// <summary>
    /// True for a transport that cannot hang (a local folder): the caller's own task sends, so the mail exists when
    /// the request ends. False (a network server): mail is queued and sent by <see cref="MailOutbox.RunAsync"/>.
    /// </summary>
    bool SendsInline { get; }

    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>The transport of hosts that configure none (the Core tests, tools): the mail is only logged.</summary>
public sealed class LoggedMailTransport(ILogger<LoggedMailTransport> logger) : IMailTransport
{
    public bool SendsInline => true;

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        logger.LogInformation("Mail to {To}: {Subject} (no mail transport configured)", mail.To, mail.Subject);
        return Task.CompletedTask;
    }
}
