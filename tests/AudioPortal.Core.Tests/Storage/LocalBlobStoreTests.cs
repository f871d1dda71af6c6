using System.Security.Cryptography;
using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Tests.Storage;

public sealed class LocalBlobStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_blob_streams_in_with_its_size_and_hash_under_the_accounts_folder()
    {
        var store = new LocalBlobStore(_root);
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        var written = await store.WriteAsync("usr_1/job_1/source", new MemoryStream(bytes), 1_000_000, CancellationToken.None);

        Assert.True(written.IsSuccess);
        Assert.Equal(bytes.Length, written.Value.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), written.Value.Sha256);
        Assert.True(File.Exists(Path.Combine(_root, "usr_1", "job_1", "source")));
        await using var read = store.OpenRead("usr_1/job_1/source")!;
        Assert.Equal(bytes.Length, read.Length);
    }

    [Fact]
    public async Task A_blob_over_the_limit_is_refused_and_nothing_is_left_behind()
    {
        var store = new LocalBlobStore(_root);
        var written = await store.WriteAsync("usr_1/job_1/source", new MemoryStream(new byte[100_001]), 100_000, CancellationToken.None);

        Assert.Equal("FILE_TOO_LARGE", written.Error?.Code);
        Assert.Equal(100_000L, written.Error!.Details!["maxFileSize"]);
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("usr_1/../../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("usr_1//x")]
    public async Task Keys_that_could_leave_the_root_are_rejected(string key)
    {
        var store = new LocalBlobStore(_root);
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetLocalFileAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_a_prefix_removes_the_jobs_whole_folder()
    {
        var store = new LocalBlobStore(_root);
        await store.WriteAsync("usr_1/job_1/source", new MemoryStream([1]), 10, CancellationToken.None);
        await store.WriteAsync("usr_1/job_1/parts/a/p1.wav", new MemoryStream([1]), 10, CancellationToken.None);
        await store.WriteAsync("usr_1/job_2/source", new MemoryStream([1]), 10, CancellationToken.None);

        await store.DeletePrefixAsync("usr_1/job_1");

        Assert.False(Directory.Exists(Path.Combine(_root, "usr_1", "job_1")));
        Assert.True(store.Exists("usr_1/job_2/source"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
