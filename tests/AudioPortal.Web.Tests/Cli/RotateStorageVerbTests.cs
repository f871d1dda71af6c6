using System.Security.Cryptography;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.Encryption;
using AudioPortal.Web.Cli;

namespace AudioPortal.Web.Tests.Cli;

public sealed class RotateStorageVerbTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("audioportal-rotate-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private Task<int> RunAsync(params string[] args) =>
        WebCli.RunAsync(args, _out, _err, new Dictionary<string, string?> { ["Data:Path"] = _data });

    [Fact]
    public async Task Rotate_storage_makes_a_new_key_current_and_re_encrypts_every_file_with_progress()
    {
        var store = new LocalBlobStore(Path.Combine(_data, "blobs"));
        var first = store.Cipher.Keys.Current.Id;
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        for (var i = 0; i < 12; i++)
        {
            await store.WriteAsync($"usr_1/job_{i}/source", new MemoryStream(bytes), long.MaxValue, default);
        }

        var legacy = Path.Combine(_data, "blobs", "usr_1", "job_old", "source");
        Directory.CreateDirectory(Path.GetDirectoryName(legacy)!);
        await File.WriteAllBytesAsync(legacy, bytes);

        Assert.Equal(0, await RunAsync("keys", "rotate-storage"));

        var current = StorageKeys.Load(Path.Combine(_data, "keys", "storage"), null).Current.Id;
        Assert.NotEqual(first, current);
        Assert.Contains($"Storage key {StorageKeys.Hex(current)} is current (new); re-encrypted 13 of 13 files.", _out.ToString());
        Assert.Contains("13/13 files", _err.ToString());
        Assert.All(Directory.GetFiles(Path.Combine(_data, "blobs"), "*", SearchOption.AllDirectories), f => Assert.Equal(current, BlobCipher.KeyIdOf(f)));
        await using var read = store.OpenRead("usr_1/job_old/source")!;
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());

        _out.GetStringBuilder().Clear();
        Assert.Equal(0, await RunAsync("keys", "rotate-storage", "--keep-key"));
        Assert.Contains($"Storage key {StorageKeys.Hex(current)} is current; re-encrypted 0 of 13 files.", _out.ToString());
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
