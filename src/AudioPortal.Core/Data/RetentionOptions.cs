using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core.Data;

/// <summary>
/// The <c>Retention</c> section: how long each kind of stored record is kept, each window read by exactly one sweeper
/// (files follow the plan's <c>RetentionHours</c>; deleted accounts' grace period is <c>Accounts:HardDeleteAfter</c>).
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    /// <summary>A job's record (settings, status, part list) is kept this long after its files are gone.</summary>
    [PositiveDuration]
    public TimeSpan JobRecords { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A webhook delivery (its body and the receiver's answer) is kept this long after it succeeded or finally failed.</summary>
    [PositiveDuration]
    public TimeSpan WebhookDeliveries { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A refresh token's hash is kept this long after it expired.</summary>
    [PositiveDuration]
    public TimeSpan RefreshTokens { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A stored request record (an <see cref="IRequestRecord"/> row) is deleted this long after its request.</summary>
    [PositiveDuration]
    public TimeSpan RequestLogs { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The client address on a stored request record is erased this long after its request.</summary>
    [PositiveDuration]
    public TimeSpan ClientAddresses { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Invoices and usage records (<see cref="IBillingRecord"/>) are kept this many years after the account's deletion, without its personal data.</summary>
    [Range(1, 100)]
    public int BillingRecordYears { get; set; } = 7;

    /// <summary>How often the retention sweeper runs (it also runs at start).</summary>
    [PositiveDuration]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ClientAddresses > RequestLogs)
        {
            yield return new ValidationResult(
                $"ClientAddresses ({ClientAddresses}) must not be longer than RequestLogs ({RequestLogs}): the address goes with its record.",
                [nameof(ClientAddresses)]);
        }
    }
}
