using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core.Storage;

/// <summary>The <c>Storage</c> section: how long abandoned files may stay, and the free-space floor.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// Staged uploads and half-written (<c>*.partial-*</c>) files untouched for this long are deleted. Matches the
    /// portal's upload lifetime, so a page never offers an upload the sweeper has already removed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan StagedUploadLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the storage sweeper runs (it also runs once at start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>New uploads and jobs are refused (SERVICE_UNAVAILABLE) while the data folder has less free space than this; 0 turns the check off.</summary>
    [AtLeast(0)]
    public long MinFreeBytes { get; set; } = 1024L * 1024 * 1024;
}
