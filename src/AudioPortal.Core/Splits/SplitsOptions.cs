using System.ComponentModel.DataAnnotations;
using AudioPortal.Audio.Presets;

namespace AudioPortal.Core.Splits;

/// <summary>The <c>Splits</c> section: the worker pool, leases and link settings (how long records are kept is <c>Retention</c>).</summary>
public sealed class SplitsOptions : IValidatableObject
{
    /// <summary>Runs the worker, webhook dispatcher and sweeper in this process (off for a web-only node or some tests).</summary>
    public bool RunBackgroundWork { get; set; } = true;

    /// <summary>Jobs processed at once on this server; the core count by default.</summary>
    [Range(1, 1024)]
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Encoder processes one job may run at once.</summary>
    [Range(1, 64)]
    public int EngineParallelism { get; set; } = 1;

    /// <summary>How long a claim holds without renewal; a crashed worker's job is picked up again after it.</summary>
    [PositiveDuration]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often idle workers look for work they were not told about (other servers, expired leases).</summary>
    [PositiveDuration]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    [PositiveDuration]
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Where the engine writes parts before they enter storage.</summary>
    [Required]
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "audioportal-work");

    /// <summary>Absolute base (e.g. <c>https://audio.example.com</c>) for links in webhook bodies; relative links when unset. Set from the top-level <c>PublicBaseUrl</c>.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Claims a job may have before it is given up: a worker that died (lease expired) or a transient failure (disk full,
    /// ffmpeg missing) past this count fails the job instead of queueing it again. Shutdown returns do not count.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a job queued again after a transient failure waits; doubled for each further attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Processing time every job gets (probe, split, storing the parts), whatever its length.</summary>
    [PositiveDuration]
    public TimeSpan ProcessingDeadlineBase { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Processing time added per minute of source audio; the job fails with PROCESSING_TIMEOUT past the sum.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan ProcessingDeadlinePerAudioMinute { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The processing deadline of a job whose source lasts <paramref name="seconds"/>.</summary>
    public TimeSpan ProcessingDeadline(double seconds) => ProcessingDeadlineBase + ProcessingDeadlinePerAudioMinute * (Math.Max(0, seconds) / 60);

    /// <summary>
    /// Workers of this server one account may hold at once, so one busy account always leaves a worker for the others:
    /// all but one (and at least one).
    /// </summary>
    public int WorkersPerAccount => Math.Max(1, Workers - 1);

    /// <summary>Test keys may only split sources up to this size (API.md §2).</summary>
    [AtLeast(1)]
    public long TestKeyMaxFileSize { get; set; } = 10 * 1024 * 1024;

    /// <summary>Presets added to the shipped ones, or overriding one by name (<c>Splits:Presets:&lt;name&gt;:MaxFileSize</c>).</summary>
    public Dictionary<string, PresetSettings> Presets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var presets = SplitPresets.Configure(Presets);
        var tooSmall = presets.Presets.Where(p => p.EffectiveMaxFileSize < SplitValidation.MinMaxFileSize)
            .Select(p => $"{p.Name}: MaxFileSize less the SafetyMargin must be at least {SplitValidation.MinMaxFileSize} bytes.");
        return presets.Problems.Concat(tooSmall).Select(problem => new ValidationResult($"Splits:Presets:{problem}", [nameof(Presets)]));
    }
}
