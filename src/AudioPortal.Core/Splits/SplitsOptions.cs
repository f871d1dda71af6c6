namespace AudioPortal.Core.Splits;

/// <summary>The <c>Splits</c> section: the worker pool, leases, retention and link settings.</summary>
public sealed class SplitsOptions
{
    /// <summary>Runs the worker, webhook dispatcher and sweeper in this process (off for a web-only node or some tests).</summary>
    public bool RunBackgroundWork { get; set; } = true;

    /// <summary>Jobs processed at once on this server; the core count by default.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Encoder processes one job may run at once.</summary>
    public int EngineParallelism { get; set; } = 1;

    /// <summary>How long a claim holds without renewal; a crashed worker's job is picked up again after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often idle workers look for work they were not told about (other servers, expired leases).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Job records are deleted this long after creation (their files go earlier, with the plan's retention).</summary>
    public TimeSpan RecordRetention { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Where the engine writes parts before they enter storage.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "audioportal-work");

    /// <summary>Absolute base (e.g. <c>https://audio.example.com</c>) for links in webhook bodies; relative links when unset. Set from the top-level <c>PublicBaseUrl</c>.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Test keys may only split sources up to this size (API.md §2).</summary>
    public long TestKeyMaxFileSize { get; set; } = 10 * 1024 * 1024;
}
