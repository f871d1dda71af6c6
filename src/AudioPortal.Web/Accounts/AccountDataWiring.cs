using AudioPortal.Core.Accounts;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Hosting;

namespace AudioPortal.Web.Accounts;

/// <summary>Account data export and deletion: the services, the export worker and the sweeper (called from <see cref="AccountsWiring"/>).</summary>
public static class AccountDataWiring
{
    public static IServiceCollection AddAccountData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Accounts").Get<AccountsOptions>() ?? new AccountsOptions());
        services.AddSingleton<AccountExportSignal>();
        services.AddSingleton<AccountExportWorker>();
        services.AddSingleton<AccountSweeper>();
        services.AddScoped<AccountExportService>();
        services.AddScoped<AccountDeletionService>();
        services.AddHostedService<AccountDataBackgroundService>();
        return services;
    }
}

/// <summary>Runs the export worker and the account sweeper wherever split jobs run (<c>Splits:RunBackgroundWork</c>).</summary>
internal sealed class AccountDataBackgroundService(AccountExportWorker worker, AccountSweeper sweeper, SplitsOptions options, IHostApplicationLifetime lifetime)
    : AfterStartService(lifetime)
{
    protected override Task RunAsync(CancellationToken stoppingToken) => options.RunBackgroundWork
        ? Task.WhenAll(worker.RunAsync(stoppingToken), sweeper.RunAsync(stoppingToken))
        : Task.CompletedTask;
}
