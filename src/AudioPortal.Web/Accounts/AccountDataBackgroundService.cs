using AudioPortal.Core.Accounts;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Hosting.Roles;

namespace AudioPortal.Web.Accounts;

/// <summary>Runs the export worker and the account sweeper wherever split jobs run (<c>Splits:RunBackgroundWork</c>, roles all and worker).</summary>
internal sealed class AccountDataBackgroundService(
    AccountExportWorker worker, AccountSweeper sweeper, SplitsOptions options, RolesOptions roles, IHostApplicationLifetime lifetime)
    : BackgroundWorkService(roles, lifetime)
{
    protected override Task RunWorkAsync(CancellationToken stoppingToken) => options.RunBackgroundWork
        ? Task.WhenAll(worker.RunAsync(stoppingToken), sweeper.RunAsync(stoppingToken))
        : Task.CompletedTask;
}
