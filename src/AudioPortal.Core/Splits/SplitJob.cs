using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Splits;

/// <summary>The API's job states (lowercase on the wire).</summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Queued, Processing, Completed, Failed];
}

/// <summary>
/// A split job and its queue entry in one row: the worker claims it by setting <see cref="LeaseToken"/> and
/// <see cref="LeaseExpiresAt"/> in one conditional UPDATE, so the claim is atomic on any database.
/// </summary>
public sealed class SplitJob : IAccountOwned
{
    public string Id { get; set; } = Ids.New("job");

    public string AccountId { get; set; } = "";

    public string Status { get; set; } = JobStatus.Queued;

    public int Progress { get; set; }

    /// <summary><c>duration</c>, <c>fileSize</c> or <c>parts</c>.</summary>
    public string SplitMode { get; set; } = "";

    public int? SegmentDuration { get; set; }

    public long? MaxFileSize { get; set; }

    public int? Parts { get; set; }

    /// <summary><c>silence</c> to move cuts back into silences; null for exact cuts.</summary>
    public string? CutAt { get; set; }

    public double? SilenceThresholdDb { get; set; }

    public double? SilenceFloorDbfs { get; set; }

    public int? SilenceMinMs { get; set; }

    public double? SilenceSearchWindow { get; set; }

    public double? MaxSegmentDuration { get; set; }

    public double? Overlap { get; set; }

    public int? FadeMs { get; set; }

    public string? NameTemplate { get; set; }

    /// <summary>The CUE sheet of a <c>chapters</c> split, as sent.</summary>
    public string? CueSheet { get; set; }

    /// <summary>The parts' sample rate, channels and bitrate when not the source's (a preset's 16 kHz mono).</summary>
    public int? PartSampleRate { get; set; }

    public int? PartChannels { get; set; }

    public int? PartBitRate { get; set; }

    /// <summary>Null until known when the caller left it to the source's format and the source is a URL.</summary>
    public string? OutputFormat { get; set; }

    public string? SourceUrl { get; set; }

    public string? SourceFileName { get; set; }

    public string? SourceFormat { get; set; }

    public double? SourceDuration { get; set; }

    public long? SourceSize { get; set; }

    /// <summary>The source's blob key once stored (upload at create, URL once downloaded).</summary>
    public string? SourceKey { get; set; }

    public string? WebhookUrl { get; set; }

    /// <summary>The caller's metadata as a JSON object, echoed back as given.</summary>
    public string MetadataJson { get; set; } = "{}";

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public string? ErrorDetailsJson { get; set; }

    /// <summary>Created with an <c>as_test_…</c> key: runs but is never billed; sources limited to 10 MiB.</summary>
    public bool IsTestKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? FilesExpireAt { get; set; }

    /// <summary>When the retention sweeper (or a delete) removed the files.</summary>
    public DateTimeOffset? FilesDeletedAt { get; set; }

    /// <summary>Deleted through the API: kept as a record, never listed, 404 afterwards.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public string? LeaseToken { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>How many times a worker has claimed the job (a crashed worker's claim counts too; a shutdown return does not).</summary>
    public int Attempts { get; set; }

    /// <summary>A job queued again after a transient failure is not claimed before this (backoff); null when due.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>The highest progress webhook sent (25, 50, 75), so a resumed job does not send them twice.</summary>
    public int ProgressEventsSent { get; set; }

    public List<Segment> Segments { get; set; } = [];
}

/// <summary>One written part of a completed job.</summary>
public sealed class Segment
{
    public long Id { get; set; }

    public string JobId { get; set; } = "";

    public int Index { get; set; }

    public double Start { get; set; }

    public double Duration { get; set; }

    /// <summary>The part's first sample and the one after its last, at <see cref="SampleRate"/> (the source's).</summary>
    public long StartSample { get; set; }

    public long EndSample { get; set; }

    public int SampleRate { get; set; }

    /// <summary>Why the part ends where it does: <c>nominal</c>, <c>silence</c>, <c>hard</c>, <c>chapter</c>, <c>size-resplit</c>.</summary>
    public string CutReason { get; set; } = "nominal";

    /// <summary>The chapter's or CUE track's title.</summary>
    public string? Title { get; set; }

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public string BlobKey { get; set; } = "";

    /// <summary>The download file name, e.g. <c>ep42-part-01.mp3</c>.</summary>
    public string FileName { get; set; } = "";
}

internal sealed class SplitJobConfiguration : IEntityTypeConfiguration<SplitJob>
{
    public void Configure(EntityTypeBuilder<SplitJob> builder)
    {
        builder.ToTable("SplitJobs");
        builder.Property(j => j.Id).HasMaxLength(64);
        builder.Property(j => j.AccountId).HasMaxLength(64).IsRequired();
        builder.Property(j => j.Status).HasMaxLength(16).IsRequired();
        builder.Property(j => j.SplitMode).HasMaxLength(16).IsRequired();
        builder.Property(j => j.OutputFormat).HasMaxLength(8);
        builder.Property(j => j.CutAt).HasMaxLength(16);
        builder.Property(j => j.NameTemplate).HasMaxLength(SplitValidation.MaxNameTemplate);
        builder.Property(j => j.CueSheet).HasMaxLength(SplitValidation.MaxCueSheet);
        builder.Property(j => j.SourceUrl).HasMaxLength(2048);
        builder.Property(j => j.SourceFileName).HasMaxLength(255);
        builder.Property(j => j.SourceFormat).HasMaxLength(8);
        builder.Property(j => j.SourceKey).HasMaxLength(300);
        builder.Property(j => j.WebhookUrl).HasMaxLength(2048);
        builder.Property(j => j.ErrorCode).HasMaxLength(64);
        builder.Property(j => j.ErrorMessage).HasMaxLength(1000);
        builder.Property(j => j.LeaseToken).HasMaxLength(64);
        builder.HasIndex(j => new { j.AccountId, j.CreatedAt });
        builder.HasIndex(j => new { j.Status, j.CreatedAt });
        builder.HasIndex(j => j.FilesExpireAt);
        builder.HasIndex(j => j.FilesDeletedAt);
        builder.HasMany(j => j.Segments).WithOne().HasForeignKey(s => s.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("SplitSegments");
        builder.Property(s => s.JobId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(s => s.BlobKey).HasMaxLength(300).IsRequired();
        builder.Property(s => s.FileName).HasMaxLength(300).IsRequired();
        builder.Property(s => s.CutReason).HasMaxLength(16).IsRequired();
        builder.Property(s => s.Title).HasMaxLength(500);
        // One row per part: a second completion of the same job cannot add duplicates.
        builder.HasIndex(s => new { s.JobId, s.Index }).IsUnique();
    }
}
