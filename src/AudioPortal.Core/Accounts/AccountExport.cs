using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Accounts;

/// <summary>The export states (the same words as jobs use, lowercase on the wire).</summary>
public static class ExportStatus
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>The two export formats: one JSON document, or a ZIP of one CSV file per table.</summary>
public static class ExportFormats
{
    public const string Json = "json";
    public const string Csv = "csv";

    public static IReadOnlyList<string> All { get; } = [Json, Csv];

    public static string ContentType(string format) => format == Csv ? "application/zip" : "application/json";

    public static string Extension(string format) => format == Csv ? "zip" : "json";
}

/// <summary>
/// One request for a copy of an account's data (API.md §8). The file is produced in the background and kept for
/// <see cref="AccountsOptions.ExportRetention"/>; it is reached only through signed links.
/// </summary>
public sealed class AccountExport : IAccountOwned
{
    public string Id { get; set; } = Ids.New("exp");

    public string AccountId { get; set; } = "";

    public string Format { get; set; } = ExportFormats.Json;

    public string Status { get; set; } = ExportStatus.Queued;

    public string? WebhookUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>How many times a worker has claimed it (a crashed worker's claim counts too).</summary>
    public int Attempts { get; set; }

    public string? BlobKey { get; set; }

    public long? Size { get; set; }

    public string? Sha256 { get; set; }

    /// <summary>When the file is deleted (the sweeper removes it then).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? FilesDeletedAt { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>The download file name, e.g. <c>audioportal-export-20260329.zip</c>.</summary>
    public string FileName => $"audioportal-export-{CreatedAt.UtcDateTime:yyyyMMdd}.{ExportFormats.Extension(Format)}";
}

/// <summary>Where export files live: under the account's folder, so deleting the account's folder removes them too.</summary>
public static class ExportBlobKeys
{
    public static string File(string accountId, string exportId, string format) => $"{accountId}/exports/{exportId}.{ExportFormats.Extension(format)}";
}

internal sealed class AccountExportConfiguration : IEntityTypeConfiguration<AccountExport>
{
    public void Configure(EntityTypeBuilder<AccountExport> builder)
    {
        builder.ToTable("AccountExports");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(64);
        builder.Property(e => e.AccountId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Format).HasMaxLength(8).IsRequired();
        builder.Property(e => e.Status).HasMaxLength(16).IsRequired();
        builder.Property(e => e.WebhookUrl).HasMaxLength(2048);
        builder.Property(e => e.BlobKey).HasMaxLength(300);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.ErrorCode).HasMaxLength(64);
        builder.Property(e => e.ErrorMessage).HasMaxLength(1000);
        builder.Ignore(e => e.FileName);
        builder.HasIndex(e => new { e.AccountId, e.CreatedAt });
        builder.HasIndex(e => new { e.Status, e.CreatedAt });
        builder.HasIndex(e => e.ExpiresAt);
    }
}
