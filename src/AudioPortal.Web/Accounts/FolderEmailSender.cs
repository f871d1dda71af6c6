using System.Globalization;
using AudioPortal.Core.Accounts;
using AudioPortal.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace AudioPortal.Web.Accounts;

/// <summary>
/// The default mail "transport" of a self-hosted install: every message is logged and written as a file to
/// <c>data/mail</c>, where an operator can read a password-reset link. Replace the <see cref="IEmailSender{TUser}"/>
/// registration to send real mail.
/// </summary>
public sealed class FolderEmailSender(DataFolder data, TimeProvider clock, ILogger<FolderEmailSender> logger) : IEmailSender<Account>
{
    public Task SendConfirmationLinkAsync(Account user, string email, string confirmationLink) =>
        WriteAsync(email, "Confirm your AudioPortal account", $"Confirm your account by opening: {confirmationLink}");

    public Task SendPasswordResetLinkAsync(Account user, string email, string resetLink) =>
        WriteAsync(email, "Reset your AudioPortal password", $"Reset your password by opening: {resetLink}\n\nIf you did not ask for this, ignore this message.");

    public Task SendPasswordResetCodeAsync(Account user, string email, string resetCode) =>
        WriteAsync(email, "Your AudioPortal password reset code", $"Your password reset code is: {resetCode}");

    private async Task WriteAsync(string to, string subject, string body)
    {
        var now = clock.GetUtcNow();
        var name = $"{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(data.Sub("mail"), name);
        var message = $"Date: {now:R}\nTo: {to}\nSubject: {subject}\nContent-Type: text/plain; charset=utf-8\n\n{body}\n";
        await File.WriteAllTextAsync(path, message);
        logger.LogInformation("Mail to {To}: {Subject} (written to {Path})", to, subject, path);
    }
}
