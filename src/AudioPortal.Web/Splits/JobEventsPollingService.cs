using AudioPortal.Core.Splits;
using AudioPortal.Web.Hosting;
using AudioPortal.Web.Hosting.Roles;

namespace AudioPortal.Web.Splits;

/// <summary>
/// In a <c>web</c> process, which runs no jobs, feeds the portal's live views from the database every
/// <c>Splits:PollInterval</c> (<see cref="JobEventsPoller"/>); where workers run, they publish their own events.
/// </summary>
internal sealed class JobEventsPollingService(
    JobEventsPoller poller, SplitsOptions options, RolesOptions roles, TimeProvider clock, ILogger<JobEventsPollingService> logger,
    IHostApplicationLifetime lifetime)
    : AfterStartService(lifetime)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (roles.RunsBackgroundWork)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.PollInterval, clock);
        do
        {
            try
            {
                await poller.PollAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reading job changes for the portal failed; trying again in {Interval}", options.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
