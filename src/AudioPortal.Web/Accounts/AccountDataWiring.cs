using AudioPortal.Core.Accounts;
using AudioPortal.Web.Hosting;

namespace AudioPortal.Web.Accounts;

/// <summary>Account data export and deletion: the services, the export worker and the sweeper (called from <see cref="AccountsWiring"/>).</summary>
public static class AccountDataWiring
{
    public static IServiceCollection AddAccountData(this IServiceCollection services)
    {
        services.AddSectionOptions<AccountsOptions>("Accounts");
        services.AddSingleton<AccountExportSignal>();
        services.AddSingleton<AccountExportWorker>();
        services.AddSingleton<AccountSweeper>();
        services.AddScoped<AccountExportService>();
        services.AddScoped<AccountDeletionService>();
        services.AddHostedService<AccountDataBackgroundService>();
        return services;
    }
}
