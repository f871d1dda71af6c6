using System.Security.Cryptography;
using Amazon.S3.Model;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.S3;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Storage.S3;

/// <summary>The blob store contract, kept by <see cref="S3BlobStore"/> against a real S3-compatible server (s3rver).</summary>
public sealed class S3BlobStoreTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "audioportal-s3-scratch-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [S3Fact]
    public async Task A_write_over_the_cap_is_FILE_TOO_LARGE_and_leaves_nothing_in_the_bucket_or_the_scratch_folder()
    {
        await using var s3 = await S3rver.StartAsync();
        var store = Store(s3);

        var result = await store.WriteAsync("usr_1/uploads/up_1", new MemoryStream(new byte[1001]), 1000, CancellationToken.None);

        Assert.Equal(ErrorCatalog.FileTooLarge.Code, result.Error?.Code);
        Assert.Empty(store.ListAll());
        Assert.Empty(Directory.GetFiles(_scratch));
    }

    [S3Fact]
    public async Task A_large_write_streams_up_in_parts_with_its_size_and_sha256_and_reads_back_byte_for_byte()
    {
        await using var s3 = await S3rver.StartAsync();
        var store = Store(s3);
        var bytes = RandomNumberGenerator.GetBytes(17 * 1024 * 1024); // above the transfer utility's 16 MiB multipart threshold

        var written = (await store.WriteAsync("usr_1/job_1/source", new MemoryStream(bytes), bytes.Length, CancellationToken.None)).Value!;

        Assert.Equal(bytes.Length, written.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), written.Sha256);
        using var read = new MemoryStream();
        await using (var stream = store.OpenRead("usr_1/job_1/source")!)
        {
            await stream.CopyToAsync(read);
        }

        Assert.Equal(bytes, read.ToArray());
        Assert.Empty(Directory.GetFiles(_scratch));
    }

    [S3Fact]
    public async Task A_read_stream_seeks_to_arbitrary_offsets_and_reads_exactly_those_bytes()
    {
        await using var s3 = await S3rver.StartAsync();
        var store = Store(s3);
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        await store.WriteAsync("usr_1/job_1/source", new MemoryStream(bytes), bytes.Length, CancellationToken.None);

        await using var stream = store.OpenRead("usr_1/job_1/source")!;
        Assert.True(stream.CanSeek);
        Assert.Equal(bytes.Length, stream.Length);
        foreach (var offset in new[] { 250_000, 7, 299_990, 0, 123_457 })
        {
            stream.Seek(offset, SeekOrigin.Begin);
            var buffer = new byte[Math.Min(5000, bytes.Length - offset)];
            await stream.ReadExactlyAsync(buffer);
            Assert.Equal(bytes[offset..(offset + buffer.Length)], buffer);
        }

        stream.Seek(0, SeekOrigin.End);
        Assert.Equal(0, await stream.ReadAsync(new byte[10]));
        Assert.Null(store.OpenRead("usr_1/job_1/missing"));
        Assert.False(store.Exists("usr_1/job_1/missing"));
    }

    [S3Fact]
    public async Task Import_uploads_and_removes_the_local_file_move_renames_and_a_local_copy_is_deleted_on_dispose()
    {
        await using var s3 = await S3rver.StartAsync();
        var store = Store(s3);
        var part = Path.Combine(_scratch, "part.wav");
        var bytes = RandomNumberGenerator.GetBytes(4096);
        await File.WriteAllBytesAsync(part, bytes);

        Assert.Equal(4096, await store.ImportAsync("usr_1/uploads/up_1", part, CancellationToken.None));
        Assert.False(File.Exists(part));
        await store.MoveAsync("usr_1/uploads/up_1", "usr_1/job_1/source");

        Assert.False(store.Exists("usr_1/uploads/up_1"));
        Assert.True(store.Exists("usr_1/job_1/source"));
        string copy;
        await using (var local = await store.GetLocalFileAsync("usr_1/job_1/source", CancellationToken.None))
        {
            copy = local.Path;
            Assert.True(local.IsCopy);
            Assert.StartsWith(_scratch, copy);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(copy));
        }

        Assert.False(File.Exists(copy));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.GetLocalFileAsync("usr_1/job_1/missing", CancellationToken.None));
    }

    [S3Fact]
    public async Task Prefix_size_and_delete_reach_only_that_folder_not_one_whose_name_merely_starts_the_same()
    {
        await using var s3 = await S3rver.StartAsync();
        var store = Store(s3);
        foreach (var (key, size) in new[] { ("usr_1/job_2/source", 100), ("usr_1/job_2/parts/a/1.wav", 30), ("usr_1/job_20/source", 7), ("usr_2/job_3/source", 5) })
        {
            await store.WriteAsync(key, new MemoryStream(new byte[size]), size, CancellationToken.None);
        }

        Assert.Equal(130, await store.SizeOfPrefixAsync("usr_1/job_2", CancellationToken.None));
        Assert.Equal(137, await store.SizeOfPrefixAsync("usr_1", CancellationToken.None));
        Assert.Equal(0, await store.SizeOfPrefixAsync("usr_9", CancellationToken.None));

        await store.DeletePrefixAsync("usr_1/job_2");
        await store.DeleteAsync("usr_2/job_3/source");

        Assert.Equal(["usr_1/job_20/source"], store.ListAll().Select(f => f.Key));
    }

    [S3Fact]
    public async Task Listing_and_prefix_deletion_page_through_more_than_a_thousand_keys()
    {
        await using var s3 = await S3rver.StartAsync();
        var store = Store(s3);
        using var client = s3.Client();
        await Parallel.ForAsync(0, 1005, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
            await client.PutObjectAsync(new PutObjectRequest { BucketName = S3rver.Bucket, Key = $"usr_1/job_1/parts/a/{i:D4}.wav", ContentBody = "x", UseChunkEncoding = false }, token));

        var listed = store.ListAll().ToList();

        Assert.Equal(1005, listed.Select(f => f.Key).Distinct().Count());
        Assert.All(listed, f => Assert.Equal(1, f.Size));
        Assert.Equal(1005, await store.SizeOfPrefixAsync("usr_1", CancellationToken.None));
        await store.DeletePrefixAsync("usr_1/job_1");
        Assert.Empty(store.ListAll());
    }

    private S3BlobStore Store(S3rver s3) => new(s3.Client(), S3rver.Bucket, _scratch);
}
