using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core.Webhooks;

/// <summary>The <c>Webhooks</c> section.</summary>
public sealed class WebhooksOptions : IValidatableObject
{
    /// <summary>The spec's waits between attempts: 8 attempts in all (immediately, then after each wait).</summary>
    public static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(8), TimeSpan.FromHours(24), TimeSpan.FromHours(48),
    ];

    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Lets webhook URLs reach loopback and private networks (tests, closed installations). Off by default.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Waits before the 2nd, 3rd, … attempt (<c>"00:01:00"</c> strings in configuration); the spec's when empty.</summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>
    /// The one deadline of an attempt: connecting, the answer's headers and the first 1 KB of its body (or its end)
    /// must all arrive within it, or the attempt fails and is retried. <see cref="DefaultAttemptTimeout"/> when unset.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>
    /// The former name of <see cref="AttemptTimeout"/> (it only ever bounded the wait for headers); still honoured
    /// when <see cref="AttemptTimeout"/> is not set, so existing configuration keeps its meaning.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Attempts in flight at once for one account, so a slow receiver delays only its own account's events.</summary>
    [Range(1, 64)]
    public int MaxConcurrentPerAccount { get; set; } = 2;

    /// <summary>Attempts in flight at once in this process.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentAttempts { get; set; } = 16;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive events whose every attempt failed before the account's webhooks are disabled.</summary>
    [Range(1, 1000)]
    public int DisableAfterFailedEvents { get; set; } = 3;

    public IReadOnlyList<TimeSpan> EffectiveSchedule => RetrySchedule.Count > 0 ? RetrySchedule : DefaultRetrySchedule;

    public TimeSpan EffectiveAttemptTimeout => AttemptTimeout ?? Timeout ?? DefaultAttemptTimeout;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EffectiveAttemptTimeout <= TimeSpan.Zero || EffectiveAttemptTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Webhooks:AttemptTimeout must be more than zero and at most 5 minutes.", [nameof(AttemptTimeout)]);
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Webhooks:PollInterval must be more than zero.", [nameof(PollInterval)]);
        }

        if (MaxConcurrentAttempts < MaxConcurrentPerAccount)
        {
            yield return new ValidationResult("Webhooks:MaxConcurrentAttempts must be at least Webhooks:MaxConcurrentPerAccount.", [nameof(MaxConcurrentAttempts)]);
        }
    }
}
