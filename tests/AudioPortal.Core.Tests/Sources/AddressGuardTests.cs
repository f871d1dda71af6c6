using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Tests.Sources;

/// <summary>
/// SSRF attempts against the source downloader with private networks not allowed. DNS goes through a fake
/// resolver and every connection through a recording connector that only ever opens sockets to 127.0.0.1 (standing
/// in for a public address), so a broken guard fails these tests instead of reaching a real private address.
/// </summary>
public sealed class AddressGuardTests : IDisposable
{
    private static readonly IPAddress FakePublic = IPAddress.Parse("93.184.215.14");
    private readonly ConcurrentQueue<IPEndPoint> _connections = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"));
    private int _loopbackPort;

    private sealed class FakeResolver : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult<IPAddress[]>(host switch
        {
            "public.test" => [FakePublic],
            "sneaky.test" => [IPAddress.Parse("10.1.2.3")],
            "mixed.test" => [FakePublic, IPAddress.Parse("192.168.1.1")],
            _ => throw new SocketException((int)SocketError.HostNotFound),
        });
    }

    private SourceDownloader Downloader(bool allowPrivate = false)
    {
        var guard = new AddressGuard(new FakeResolver(), async (endPoint, ct) =>
        {
            _connections.Enqueue(endPoint);
            if (!endPoint.Address.Equals(FakePublic))
            {
                throw new InvalidOperationException($"The test connector refuses {endPoint}: the guard let it through.");
            }

            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _loopbackPort), ct);
            return new NetworkStream(socket, ownsSocket: true);
        });
        return new SourceDownloader(guard, new SourcesOptions { AllowPrivateNetworks = allowPrivate, IdleTimeout = TimeSpan.FromSeconds(5) }, new LocalBlobStore(_root), Telemetry.MetricsRecorder.Unobserved());
    }

    [Theory]
    [InlineData("http://127.0.0.1/a.mp3")]
    [InlineData("http://10.0.0.1/a.mp3")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/a.mp3")]
    [InlineData("http://[::ffff:127.0.0.1]/a.mp3")]
    [InlineData("http://[::127.0.0.1]/a.mp3")]
    [InlineData("http://[::ffff:0:127.0.0.1]/a.mp3")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/")]
    [InlineData("http://[64:ff9b:1::a00:1]/a.mp3")]
    [InlineData("http://[2002:a9fe:a9fe::1]/a.mp3")]
    [InlineData("http://[2001:0:808:808::80ff:fffe]/a.mp3")]
    [InlineData("http://[fe80::1]/a.mp3")]
    [InlineData("http://2130706433/a.mp3")]
    [InlineData("http://0x7f.1/a.mp3")]
    [InlineData("http://0177.0.0.1/a.mp3")]
    [InlineData("http://sneaky.test/a.mp3")]
    [InlineData("http://mixed.test/a.mp3")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://public.test/a.mp3")]
    public async Task A_url_that_would_reach_a_private_address_or_another_scheme_is_refused_without_connecting(string url)
    {
        using var downloader = Downloader();
        var result = await downloader.DownloadAsync(url, "usr_a/job_a/source", 1_000_000, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal("INVALID_URL", result.Error.Code);
        Assert.Empty(_connections);
    }

    [Theory]
    [InlineData("http://127.0.0.1/a.mp3")]
    [InlineData("http://sneaky.test/a.mp3")]
    [InlineData("gopher://public.test/")]
    public async Task The_create_time_check_refuses_the_same_urls(string url)
    {
        var guard = new AddressGuard(new FakeResolver());
        var result = await guard.CheckUrlAsync(url, allowPrivateNetworks: false, CancellationToken.None);
        Assert.Equal("INVALID_URL", result.Error?.Code);
    }

    [Fact]
    public async Task A_host_that_rebinds_to_a_private_address_after_the_create_time_check_is_refused_at_connect_time()
    {
        var resolver = new RebindingResolver(FakePublic, IPAddress.Parse("10.0.0.1"));
        var guard = new AddressGuard(resolver, (endPoint, _) =>
        {
            _connections.Enqueue(endPoint);
            throw new InvalidOperationException($"The test connector refuses {endPoint}: the guard let it through.");
        });
        Assert.True((await guard.CheckUrlAsync("http://rebind.test/a.mp3", allowPrivateNetworks: false, CancellationToken.None)).IsSuccess);

        using var downloader = new SourceDownloader(guard, new SourcesOptions { IdleTimeout = TimeSpan.FromSeconds(5) }, new LocalBlobStore(_root), Telemetry.MetricsRecorder.Unobserved());
        var result = await downloader.DownloadAsync("http://rebind.test/a.mp3", "usr_a/job_a/source", 1_000_000, CancellationToken.None);

        Assert.Equal("INVALID_URL", result.Error?.Code);
        Assert.Empty(_connections);
        Assert.Equal(2, resolver.Calls);
    }

    [Fact]
    public async Task A_redirect_to_loopback_is_refused_after_the_first_allowed_hop()
    {
        await using var server = new TinyHttpServer(_ => TinyHttpServer.Redirect("http://127.0.0.1:1/secret"));
        _loopbackPort = server.Port;
        using var downloader = Downloader();

        var result = await downloader.DownloadAsync("http://public.test/a.mp3", "usr_a/job_a/source", 1_000_000, CancellationToken.None);

        Assert.Equal("INVALID_URL", result.Error?.Code);
        Assert.All(_connections, c => Assert.Equal(FakePublic, c.Address));
        Assert.Single(_connections);
    }

    [Fact]
    public async Task A_public_url_downloads_into_storage_and_errors_say_why()
    {
        var audio = new byte[5000];
        await using var server = new TinyHttpServer(path => path switch
        {
            "/ok.mp3" => TinyHttpServer.Response(200, "audio/mpeg", audio),
            "/html" => TinyHttpServer.Response(200, "text/html", "<html/>"u8.ToArray()),
            "/big.mp3" => TinyHttpServer.Response(200, "audio/mpeg", new byte[3000]),
            "/loop" => TinyHttpServer.Redirect("/loop"),
            _ => TinyHttpServer.Response(404, "text/plain", "nope"u8.ToArray()),
        });
        _loopbackPort = server.Port;
        using var downloader = Downloader();

        var ok = await downloader.DownloadAsync("http://public.test/ok.mp3", "usr_a/job_a/source", 10_000, CancellationToken.None);
        Assert.True(ok.IsSuccess, ok.Error?.ToString());
        Assert.Equal(5000, ok.Value.Size);
        Assert.Equal("ok.mp3", ok.Value.FileName);
        await using (var stored = new LocalBlobStore(_root).OpenRead("usr_a/job_a/source"))
        {
            Assert.Equal(5000, stored?.Length);
        }

        var missing = await downloader.DownloadAsync("http://public.test/missing", "usr_a/job_b/source", 10_000, CancellationToken.None);
        Assert.Equal("DOWNLOAD_FAILED", missing.Error?.Code);
        Assert.Contains("404", missing.Error!.Message);
        var html = await downloader.DownloadAsync("http://public.test/html", "usr_a/job_c/source", 10_000, CancellationToken.None);
        Assert.Contains("text/html", html.Error?.Message);
        var big = await downloader.DownloadAsync("http://public.test/big.mp3", "usr_a/job_d/source", 2000, CancellationToken.None);
        Assert.Equal("FILE_TOO_LARGE", big.Error?.Code);
        Assert.False(File.Exists(Path.Combine(_root, "usr_a/job_d/source")));
        var loop = await downloader.DownloadAsync("http://public.test/loop", "usr_a/job_e/source", 2000, CancellationToken.None);
        Assert.Contains("redirects", loop.Error?.Message);
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
