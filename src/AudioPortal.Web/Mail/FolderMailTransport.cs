using System.Globalization;
using AudioPortal.Core.Mail;
using AudioPortal.Web.Data;

namespace AudioPortal.Web.Mail;

/// <summary>
/// The mail transport of an install without <c>Mail:Smtp:Host</c>: every message is logged and written as a file to
/// <c>data/mail</c>, where an operator can read a password-reset link. Writing a local file cannot hang, so it is
/// done before the request ends.
/// </summary>
public sealed class FolderMailTransport(DataFolder data, TimeProvider clock, ILogger<FolderMailTransport> logger) : IMailTransport
{
    public bool SendsInline => true;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = $"{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(data.Sub("mail"), name);
        var message = $"Date: {now:R}\nTo: {mail.To}\nSubject: {mail.Subject}\nContent-Type: text/plain; charset=utf-8\n\n{mail.Body}\n";
        await File.WriteAllTextAsync(path, message, cancellationToken);
        logger.LogInformation("Mail to {To}: {Subject} (written to {Path})", mail.To, mail.Subject, path);
    }
}
