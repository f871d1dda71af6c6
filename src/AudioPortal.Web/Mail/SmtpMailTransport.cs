using AudioPortal.Core.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AudioPortal.Web.Mail;

/// <summary>
/// Sends each mail over SMTP with MailKit: one connection per message (customer mail is rare, and a fresh connection
/// never trips over a server that dropped an idle one). Failures throw; <see cref="MailOutbox"/> retries and logs them.
/// </summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public bool SendsInline => false;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From!));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, SocketOptions(options), deadline.Token);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? "", deadline.Token);
            }

            await client.SendAsync(message, deadline.Token);
            await client.DisconnectAsync(quit: true, deadline.Token);
        }
        catch (SmtpCommandException e)
        {
            throw new IOException($"The SMTP server {options.Host}:{options.Port} answered {(int)e.StatusCode}: {e.Message}", e);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {options.Host}:{options.Port} did not take the mail within {options.TimeoutSeconds} s (Mail:Smtp:TimeoutSeconds)", e);
        }
    }

    public static SecureSocketOptions SocketOptions(SmtpOptions options) => options.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => options.Port switch
        {
            587 => SecureSocketOptions.StartTls,
            465 => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        },
    };
}
