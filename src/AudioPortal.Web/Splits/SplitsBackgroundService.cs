using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Webhooks;
using AudioPortal.Web.Hosting.Roles;

namespace AudioPortal.Web.Splits;

/// <summary>Runs the job workers, the webhook dispatcher, the retention sweeper and the storage sweeper for the life of the host.</summary>
internal sealed class SplitsBackgroundService(
    JobWorker worker, WebhookDispatcher dispatcher, RetentionSweeper sweeper, StorageSweeper storage, SplitsOptions options,
    RolesOptions roles, IHostApplicationLifetime lifetime)
    : BackgroundWorkService(roles, lifetime)
{
    protected override Task RunWorkAsync(CancellationToken stoppingToken) => options.RunBackgroundWork
        ? Task.WhenAll(worker.RunAsync(stoppingToken), dispatcher.RunAsync(stoppingToken), sweeper.RunAsync(stoppingToken), storage.RunAsync(stoppingToken))
        : Task.CompletedTask;
}
