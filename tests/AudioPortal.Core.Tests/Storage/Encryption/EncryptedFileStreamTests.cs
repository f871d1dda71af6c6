using System.Security.Cryptography;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.Encryption;

namespace AudioPortal.Core.Tests.Storage.Encryption;

public sealed class EncryptedFileStreamTests : IDisposable
{
    private const int Chunk = ChunkedAesGcm.ChunkSize;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"));
    private readonly LocalBlobStore _store;

    public EncryptedFileStreamTests() => _store = new LocalBlobStore(Path.Combine(_root, "blobs"));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)]
    [InlineData((3 * Chunk) + 12345)]
    [InlineData(5 * Chunk)]
    public async Task A_blob_of_any_length_round_trips_and_is_stored_as_ciphertext(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        Assert.True((await _store.WriteAsync("usr_1/job_1/source", new MemoryStream(bytes), long.MaxValue, default)).IsSuccess);

        Assert.NotNull(BlobCipher.KeyIdOf(PathOf("usr_1/job_1/source")));
        var chunks = Math.Max(1, (length + Chunk - 1) / Chunk);
        Assert.Equal(ChunkedAesGcm.HeaderSize + length + (chunks * ChunkedAesGcm.Overhead), new FileInfo(PathOf("usr_1/job_1/source")).Length);
        await using var read = _store.OpenRead("usr_1/job_1/source")!;
        Assert.Equal(length, read.Length);
        Assert.Equal(bytes, await ReadAllAsync(read));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(Chunk - 1, 2)]
    [InlineData(Chunk - 3, 3 * Chunk)]
    [InlineData(2 * Chunk, Chunk)]
    [InlineData(123_457, 7)]
    [InlineData((4 * Chunk) + 100, 10_000)]
    public async Task A_range_read_at_any_offset_returns_exactly_those_bytes(int offset, int count)
    {
        var bytes = RandomNumberGenerator.GetBytes((4 * Chunk) + 5000);
        await _store.WriteAsync("usr_1/job_1/part.wav", new MemoryStream(bytes), long.MaxValue, default);

        await using var read = _store.OpenRead("usr_1/job_1/part.wav")!;
        read.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[count];
        var total = 0;
        int got;
        while (total < count && (got = await read.ReadAsync(buffer.AsMemory(total))) > 0)
        {
            total += got;
        }

        var expected = bytes.AsSpan(offset, Math.Min(count, bytes.Length - offset)).ToArray();
        Assert.Equal(expected, buffer.AsSpan(0, total).ToArray());
        read.Seek(-3, SeekOrigin.End);
        Assert.Equal(bytes[^3..], await ReadAllAsync(read));
    }

    [Fact]
    public async Task A_known_pattern_written_to_the_store_never_appears_in_the_file_on_disk()
    {
        var pattern = "AUDIOPORTAL-PLAINTEXT-MARKER-"u8.ToArray();
        var bytes = Enumerable.Range(0, 20_000).SelectMany(_ => pattern).ToArray();
        await _store.WriteAsync("usr_1/job_1/source", new MemoryStream(bytes), long.MaxValue, default);
        var local = Path.Combine(_root, "part.wav");
        await File.WriteAllBytesAsync(local, bytes);
        await _store.ImportAsync("usr_1/job_1/parts/a/part.wav", local, default);

        Assert.False(File.Exists(local));
        foreach (var key in new[] { "usr_1/job_1/source", "usr_1/job_1/parts/a/part.wav" })
        {
            var disk = await File.ReadAllBytesAsync(PathOf(key));
            Assert.Equal(-1, disk.AsSpan().IndexOf(pattern.AsSpan(0, 16)));
            await using var read = _store.OpenRead(key)!;
            Assert.Equal(bytes, await ReadAllAsync(read));
        }
    }

    [Theory]
    [InlineData("flip-first-chunk")]
    [InlineData("flip-last-tag")]
    [InlineData("flip-header")]
    [InlineData("truncate-at-chunk-boundary")]
    [InlineData("truncate-mid-chunk")]
    [InlineData("swap-chunks")]
    [InlineData("append-chunk")]
    public async Task A_tampered_blob_reads_as_a_clear_error_never_as_other_bytes(string damage)
    {
        var bytes = RandomNumberGenerator.GetBytes((3 * Chunk) + 100);
        await _store.WriteAsync("usr_1/job_1/source", new MemoryStream(bytes), long.MaxValue, default);
        var path = PathOf("usr_1/job_1/source");
        var disk = await File.ReadAllBytesAsync(path);
        var stored = Chunk + ChunkedAesGcm.Overhead;
        var first = ChunkedAesGcm.HeaderSize;
        byte[] damaged = damage switch
        {
            "flip-first-chunk" => Flip(disk, first + 100),
            "flip-last-tag" => Flip(disk, disk.Length - 1),
            "flip-header" => Flip(disk, 20),
            "truncate-at-chunk-boundary" => disk[..(first + (3 * stored))],
            "truncate-mid-chunk" => disk[..(disk.Length - 50)],
            "swap-chunks" => [.. disk[..first], .. disk[(first + stored)..(first + (2 * stored))], .. disk[first..(first + stored)], .. disk[(first + (2 * stored))..]],
            _ => [.. disk, .. disk[first..(first + stored)]],
        };
        await File.WriteAllBytesAsync(path, damaged);

        var error = await Assert.ThrowsAsync<BlobIntegrityException>(async () =>
        {
            await using var read = _store.OpenRead("usr_1/job_1/source")!;
            await ReadAllAsync(read);
        });
        Assert.Contains("usr_1/job_1/source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_read_with_another_key_ring_is_refused_naming_the_missing_key()
    {
        await _store.WriteAsync("usr_1/job_1/source", new MemoryStream(new byte[1000]), long.MaxValue, default);
        var stranger = new BlobCipher(StorageKeys.Load(Path.Combine(_root, "other-keys"), null), encryptWrites: true);

        var error = Assert.Throws<BlobIntegrityException>(() => stranger.OpenRead(PathOf("usr_1/job_1/source"), "usr_1/job_1/source", 4096));
        Assert.Contains("not in the key ring", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_written_before_encryption_still_reads_as_it_is()
    {
        var bytes = "RIFF....WAVEfmt plain old file"u8.ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf("usr_1/job_1/source"))!);
        await File.WriteAllBytesAsync(PathOf("usr_1/job_1/source"), bytes);

        await using (var read = _store.OpenRead("usr_1/job_1/source")!)
        {
            Assert.Equal(bytes, await ReadAllAsync(read));
        }

        await using var local = await _store.GetLocalFileAsync("usr_1/job_1/source", default);
        Assert.False(local.IsCopy);
        Assert.Equal(PathOf("usr_1/job_1/source"), local.Path);
    }

    [Fact]
    public async Task The_engines_local_copy_of_an_encrypted_blob_is_plaintext_owner_only_and_gone_once_disposed()
    {
        var bytes = RandomNumberGenerator.GetBytes((2 * Chunk) + 7);
        await _store.WriteAsync("usr_1/job_1/source", new MemoryStream(bytes), long.MaxValue, default);

        string path;
        await using (var local = await _store.GetLocalFileAsync("usr_1/job_1/source", default))
        {
            path = local.Path;
            Assert.True(local.IsCopy);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
            Assert.StartsWith(Path.Combine(_root, "tmp"), path, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        Assert.False(File.Exists(path));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string PathOf(string key) => Path.Combine(_root, "blobs", key);

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
