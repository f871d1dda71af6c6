using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AudioPortal.Core.Mail;

/// <summary>The customer mails and their outbox; a host that registers no <see cref="IMailTransport"/> first only logs them.</summary>
public static class MailServices
{
    public static IServiceCollection AddCustomerMail(this IServiceCollection services)
    {
        services.TryAddSingleton<IMailTransport, LoggedMailTransport>();
        services.TryAddSingleton<MailOutbox>();
        services.TryAddSingleton<CustomerMail>();
        return services;
    }
}
