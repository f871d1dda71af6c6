using AudioPortal.Core.Accounts;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Hosting;

namespace AudioPortal.Web.Accounts;

/// <summary>Runs the export worker and the account sweeper wherever split jobs run (<c>Splits:RunBackgroundWork</c>).</summary>
internal sealed class AccountDataBackgroundService(AccountExportWorker worker, AccountSweeper sweeper, SplitsOptions options, IHostApplicationLifetime lifetime)
    : AfterStartService(lifetime)
{
    protected override Task RunAsync(CancellationToken stoppingToken) => options.RunBackgroundWork
        ? Task.WhenAll(worker.RunAsync(stoppingToken), sweeper.RunAsync(stoppingToken))
        : Task.CompletedTask;
}
