using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core.Accounts;

/// <summary>The <c>Accounts</c> section: data exports and account deletion.</summary>
public sealed class AccountsOptions
{
    /// <summary>A deleted account's remaining rows are erased this long after the deletion (the grace period).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan HardDeleteAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An export file is kept this long after it is written, then deleted.</summary>
    [PositiveDuration]
    public TimeSpan ExportRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a minted export download link stays valid (each status read mints a fresh one).</summary>
    [PositiveDuration]
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A claimed export not finished within this time is taken up again (its worker died).</summary>
    [PositiveDuration]
    public TimeSpan ExportStaleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often an idle export worker looks for exports it was not told about (other servers).</summary>
    [PositiveDuration]
    public TimeSpan ExportPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often expired export files and accounts past their grace period are swept.</summary>
    [PositiveDuration]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
