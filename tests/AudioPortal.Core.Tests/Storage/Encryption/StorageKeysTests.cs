using System.Security.Cryptography;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.Encryption;

namespace AudioPortal.Core.Tests.Storage.Encryption;

public sealed class StorageKeysTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"));

    private string Folder => Path.Combine(_root, "keys", "storage");

    [Fact]
    public void The_first_load_generates_one_owner_only_key_and_the_next_load_reuses_it()
    {
        var first = StorageKeys.Load(Folder, null);
        var again = StorageKeys.Load(Folder, null);

        Assert.Equal(first.Current.Id, again.Current.Id);
        Assert.Equal(first.Current.Key, again.Current.Key);
        var keyFile = Assert.Single(Directory.GetFiles(Folder, "*.key"));
        Assert.Equal(StorageKeys.Hex(first.Current.Id) + ".key", Path.GetFileName(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Folder));
        }
    }

    [Fact]
    public void A_configured_key_is_current_and_generates_nothing()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var keys = StorageKeys.Load(Folder, key);

        Assert.Equal(key, keys.Current.Key);
        Assert.Equal(StorageKeys.IdOf(key), keys.Current.Id);
        Assert.Empty(Directory.GetFiles(Folder, "*.key"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_key_that_is_not_base64_of_32_bytes_is_refused_at_start(string value)
    {
        var failures = SectionValidator<StorageOptions>.Failures(new StorageOptions { EncryptionKey = value == "" ? "   x" : value }, "Storage");

        Assert.Contains(failures, f => f.StartsWith("Storage:EncryptionKey: A storage key is base64 of 32", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_and_a_key_file_together_or_a_missing_key_file_are_refused_at_start()
    {
        var both = new StorageOptions { EncryptionKey = Convert.ToBase64String(new byte[32]), EncryptionKeyFile = "/x" };
        var missing = new StorageOptions { EncryptionKeyFile = Path.Combine(_root, "nope.key") };

        Assert.Contains("Storage:EncryptionKey: Set EncryptionKey or EncryptionKeyFile, not both.", SectionValidator<StorageOptions>.Failures(both, "Storage"));
        Assert.Contains(SectionValidator<StorageOptions>.Failures(missing, "Storage"), f => f.StartsWith("Storage:EncryptionKeyFile: The key file", StringComparison.Ordinal));
        Assert.Empty(SectionValidator<StorageOptions>.Failures(new StorageOptions(), "Storage"));
    }

    [Fact]
    public async Task A_rotation_makes_new_blobs_use_the_new_key_and_re_encrypts_old_and_plaintext_ones()
    {
        var store = new LocalBlobStore(Path.Combine(_root, "blobs"));
        var old = RandomNumberGenerator.GetBytes(100_000);
        await store.WriteAsync("usr_1/job_1/source", new MemoryStream(old), long.MaxValue, default);
        var legacy = Path.Combine(_root, "blobs", "usr_1", "job_0", "source");
        Directory.CreateDirectory(Path.GetDirectoryName(legacy)!);
        await File.WriteAllBytesAsync(legacy, old);
        File.SetLastWriteTimeUtc(legacy, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var before = store.Cipher.Keys.Current.Id;

        // Another process (the verb) rotates: this store sees the new key at its next write or read.
        var next = StorageKeys.Load(Folder, null).Rotate();

        Assert.NotEqual(before, next);
        Assert.Equal(next, store.Cipher.Keys.Current.Id);
        Assert.True(await store.ReencryptAsync("usr_1/job_1/source", default));
        Assert.True(await store.ReencryptAsync("usr_1/job_0/source", default));
        Assert.False(await store.ReencryptAsync("usr_1/job_1/source", default));
        Assert.Equal(next, BlobCipher.KeyIdOf(Path.Combine(_root, "blobs", "usr_1", "job_1", "source")));
        Assert.Equal(next, BlobCipher.KeyIdOf(legacy));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), File.GetLastWriteTimeUtc(legacy));
        foreach (var key in new[] { "usr_1/job_1/source", "usr_1/job_0/source" })
        {
            await using var read = store.OpenRead(key)!;
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(old, copy.ToArray());
        }

        Assert.Equal(2, Directory.GetFiles(Folder, "*.key").Length);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
