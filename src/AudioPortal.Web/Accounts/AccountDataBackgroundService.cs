using AudioPortal.Core.Accounts;
using AudioPortal.Core.Splits;

namespace AudioPortal.Web.Accounts;

/// <summary>Runs the export worker and the account sweeper wherever split jobs run (<c>Splits:RunBackgroundWork</c>).</summary>
internal sealed class AccountDataBackgroundService(AccountExportWorker worker, AccountSweeper sweeper, SplitsOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.RunBackgroundWork
        ? Task.WhenAll(worker.RunAsync(stoppingToken), sweeper.RunAsync(stoppingToken))
        : Task.CompletedTask;
}
