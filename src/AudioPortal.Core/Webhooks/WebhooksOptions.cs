namespace AudioPortal.Core.Webhooks;

/// <summary>The <c>Webhooks</c> section.</summary>
public sealed class WebhooksOptions
{
    /// <summary>The spec's waits between attempts: 8 attempts in all (immediately, then after each wait).</summary>
    public static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(8), TimeSpan.FromHours(24), TimeSpan.FromHours(48),
    ];

    /// <summary>Lets webhook URLs reach loopback and private networks (tests, closed installations). Off by default.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Waits before the 2nd, 3rd, … attempt (<c>"00:01:00"</c> strings in configuration); the spec's when empty.</summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>A delivery succeeds on 2xx within this time.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive events whose every attempt failed before the account's webhooks are disabled.</summary>
    public int DisableAfterFailedEvents { get; set; } = 3;

    public IReadOnlyList<TimeSpan> EffectiveSchedule => RetrySchedule.Count > 0 ? RetrySchedule : DefaultRetrySchedule;
}
