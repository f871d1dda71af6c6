namespace AudioPortal.Core.Splits;

/// <summary>A change of a job seen by the worker or the service: status and progress.</summary>
public sealed record JobEvent(string AccountId, string JobId, string Status, int Progress, string? ErrorCode);

/// <summary>
/// In-process notifications of job changes, for the portal's live views (no polling). Subscribers must filter
/// by account and must not block: handlers run on the worker's thread.
/// </summary>
public interface IJobEvents
{
    event Action<JobEvent>? Changed;

    void Publish(JobEvent change);
}

public sealed class JobEvents : IJobEvents
{
    public event Action<JobEvent>? Changed;

    public void Publish(JobEvent change)
    {
        foreach (var handler in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<JobEvent>)handler)(change);
            }
            catch (Exception)
            {
                // A broken subscriber (a closed portal circuit) must not stop the worker or other subscribers.
            }
        }
    }
}

/// <summary>Wakes idle workers when a job is queued, so they need not wait for the next poll.</summary>
public sealed class JobSignal : WakeSignal;
