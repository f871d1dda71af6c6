namespace AudioPortal.Web.Hosting.Roles;

/// <summary>
/// Background work that belongs to the processes that process jobs (<c>all</c> and <c>worker</c>): a <c>web</c>
/// process leaves the queue, the sweepers and the billing cycle to its workers.
/// </summary>
public abstract class BackgroundWorkService(RolesOptions roles, IHostApplicationLifetime lifetime) : AfterStartService(lifetime)
{
    protected sealed override Task RunAsync(CancellationToken stoppingToken) =>
        roles.RunsBackgroundWork ? RunWorkAsync(stoppingToken) : Task.CompletedTask;

    /// <summary>The work, from the host's start until <paramref name="stoppingToken"/> is cancelled.</summary>
    protected abstract Task RunWorkAsync(CancellationToken stoppingToken);
}
