using System.ComponentModel.DataAnnotations;
using AudioPortal.Core.Storage.Encryption;
using AudioPortal.Core.Storage.S3;

namespace AudioPortal.Core.Storage;

/// <summary>The <c>Storage</c> section: how long abandoned files may stay, the free-space floor, and encryption at rest.</summary>
public sealed class StorageOptions : IValidatableObject
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

    /// <summary>New blobs are encrypted (AES-256-GCM in 64 KiB chunks); off, they are written as plaintext. Either way both kinds are read.</summary>
    public bool EncryptAtRest { get; set; } = true;

    /// <summary>The current storage key (base64 of 32 bytes) instead of the one generated into <c>keys/storage/</c>.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>A file holding the current storage key (base64 of 32 bytes), read at start.</summary>
    public string? EncryptionKeyFile { get; set; }

    /// <summary>Where blobs are kept: <c>Local</c> (the data folder, the default) or <c>S3</c> (<see cref="S3"/>).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Local;

    /// <summary>The bucket and its connection when <see cref="Provider"/> is <c>S3</c>.</summary>
    public S3StorageOptions S3 { get; set; } = new();

    /// <summary>The configured key (from <see cref="EncryptionKey"/> or <see cref="EncryptionKeyFile"/>), or null to use the key folder's.</summary>
    public byte[]? ConfiguredKey() => StorageKeys.Parse(EncryptionKeyFile is { Length: > 0 } file ? File.ReadAllText(file) : EncryptionKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.S3)
        {
            foreach (var problem in S3.Problems())
            {
                yield return new ValidationResult(problem, [nameof(S3)]);
            }
        }

        var hasKey = !string.IsNullOrWhiteSpace(EncryptionKey);
        var hasFile = !string.IsNullOrWhiteSpace(EncryptionKeyFile);
        if (hasKey && hasFile)
        {
            yield return new ValidationResult("Set EncryptionKey or EncryptionKeyFile, not both.", [nameof(EncryptionKey)]);
        }
        else if (hasFile && !File.Exists(EncryptionKeyFile))
        {
            yield return new ValidationResult($"The key file '{EncryptionKeyFile}' does not exist.", [nameof(EncryptionKeyFile)]);
        }
        else if ((hasKey || hasFile) && ConfiguredKey() is null)
        {
            var name = hasKey ? nameof(EncryptionKey) : nameof(EncryptionKeyFile);
            yield return new ValidationResult($"A storage key is base64 of {StorageKeys.KeySize} random bytes (openssl rand -base64 32).", [name]);
        }
    }
}
