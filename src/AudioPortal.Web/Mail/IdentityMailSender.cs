using AudioPortal.Core.Accounts;
using AudioPortal.Core.Mail;
using Microsoft.AspNetCore.Identity;

namespace AudioPortal.Web.Mail;

/// <summary>Identity's confirmation and password-reset mails, written by <see cref="CustomerMail"/> and sent like every other mail.</summary>
public sealed class IdentityMailSender(CustomerMail mail) : IEmailSender<Account>
{
    public Task SendConfirmationLinkAsync(Account user, string email, string confirmationLink) => mail.ConfirmationAsync(email, confirmationLink);

    public Task SendPasswordResetLinkAsync(Account user, string email, string resetLink) => mail.PasswordResetAsync(email, resetLink);

    public Task SendPasswordResetCodeAsync(Account user, string email, string resetCode) => mail.PasswordResetCodeAsync(email, resetCode);
}
