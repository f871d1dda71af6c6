using System.Diagnostics;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Tests.Sources;

public sealed class SourceDownloaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"));

    private SourceDownloader Downloader(SourcesOptions options) =>
        new(new AddressGuard(new DnsHostResolver()), options, new LocalBlobStore(_root), Telemetry.MetricsRecorder.Unobserved(), TimeProvider.System);

    [Fact]
    public async Task A_source_that_sends_a_byte_now_and_then_fails_at_the_minimum_throughput_instead_of_holding_on()
    {
        // One byte every 100 ms never trips the idle timeout; only the throughput rule can stop it.
        await using var loris = new TricklingHttpServer(1, TimeSpan.FromMilliseconds(100));
        using var downloader = Downloader(new SourcesOptions
        {
            AllowPrivateNetworks = true, IdleTimeout = TimeSpan.FromSeconds(30), MinBytesPerSecond = 1000, ThroughputWindow = TimeSpan.FromMilliseconds(500),
        });
        var watch = Stopwatch.StartNew();

        var result = await downloader.DownloadAsync(loris.Url, "acc/src", 1L << 30, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("DOWNLOAD_FAILED", result.Error?.Code);
        Assert.Contains("bytes per second", result.Error!.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Empty(Directory.Exists(_root) ? Directory.GetFiles(_root, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task A_source_fast_enough_but_endless_fails_at_the_total_download_deadline()
    {
        await using var endless = new TricklingHttpServer(16 * 1024, TimeSpan.FromMilliseconds(20));
        using var downloader = Downloader(new SourcesOptions
        {
            AllowPrivateNetworks = true, TotalTimeout = TimeSpan.FromSeconds(1), MinBytesPerSecond = 1, ThroughputWindow = TimeSpan.FromSeconds(30),
        });
        var watch = Stopwatch.StartNew();

        var result = await downloader.DownloadAsync(endless.Url, "acc/src", 1L << 30, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("DOWNLOAD_FAILED", result.Error?.Code);
        Assert.Contains("did not finish within 1 s", result.Error!.Message);
        // The message proves which limit ended it; the bound only says it was not the 30 s throughput window (loose for busy CI).
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.Empty(Directory.Exists(_root) ? Directory.GetFiles(_root, "*", SearchOption.AllDirectories) : []);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
