using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core.Admin;

/// <summary>The <c>Admin</c> section: what the operator console keeps and how far back it looks.</summary>
public sealed class AdminOptions
{
    /// <summary>How many failed API requests the in-memory ring of recent errors keeps (the oldest drop out first).</summary>
    [Range(10, 100_000)]
    public int RecentErrors { get; set; } = 500;

    /// <summary>The window of the queue page's wait times and failures by code, and of its list of failed jobs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan StatsWindow { get; set; } = TimeSpan.FromHours(24);
}
