using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.Encryption;
using AudioPortal.Core.Tests.Billing;

namespace AudioPortal.Core.Tests.Storage;

public sealed class BlobStorageUsageTests : IDisposable
{
    private readonly BillingWorld _world = new();

    [Fact]
    public async Task The_usage_report_counts_the_bytes_an_account_keeps_and_none_of_another_accounts()
    {
        var mine = await _world.CreateAccountAsync();
        var theirs = await _world.CreateAccountAsync();
        await WriteAsync($"{mine}/job_a/source", 1000);
        await WriteAsync($"{mine}/job_a/parts/1/a-part-01.mp3", 250);
        await WriteAsync($"{theirs}/job_b/source", 7000);

        var report = await _world.Service.GetUsageAsync(mine, "current", default);

        Assert.True(report.IsSuccess);
        // Bytes on disk: each small encrypted file carries a 32-byte header and one chunk's nonce and tag.
        Assert.Equal(1250 + (2 * (ChunkedAesGcm.HeaderSize + ChunkedAesGcm.Overhead)), report.Value.StorageUsedBytes);
        await _world.Blobs.DeletePrefixAsync($"{mine}/job_a");
        Assert.Equal(0, (await _world.Service.GetUsageAsync(mine, "current", default)).Value.StorageUsedBytes);
    }

    private async Task WriteAsync(string key, int size)
    {
        using var content = new MemoryStream(new byte[size]);
        Assert.True((await _world.Blobs.WriteAsync(key, content, long.MaxValue, default)).IsSuccess);
    }

    public void Dispose() => _world.Dispose();
}
