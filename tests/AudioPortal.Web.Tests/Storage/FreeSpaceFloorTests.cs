using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Storage;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Web.Tests.Storage;

/// <summary>
/// Under <c>Storage:MinFreeBytes</c> (1 GiB by default) new uploads and jobs answer 503 SERVICE_UNAVAILABLE, the log says
/// so once, and <c>/readyz</c> reports it. The operating system's free-space answer is the one faked edge.
/// </summary>
public sealed class FreeSpaceFloorTests : IAsyncLifetime
{
    private readonly SplitsAppFactory _app = new();
    private readonly SettableFreeSpace _disk = new() { Bytes = 100L << 30 };
    private readonly LogCapture _log = new(LogLevel.Information);

    public FreeSpaceFloorTests()
    {
        _app.ConfigureServices = services =>
        {
            services.RemoveAll<IFreeSpace>();
            services.AddSingleton<IFreeSpace>(_disk);
            services.AddSingleton<ILoggerProvider>(_log);
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Uploads_and_url_jobs_are_refused_with_503_while_free_space_is_under_the_floor_and_the_log_says_so_once()
    {
        var user = await _app.NewAccountAsync();
        _disk.Bytes = 500L << 20;

        var upload = await user.UploadAsync(TestWav.Sine(1), "tone.wav", new Dictionary<string, string> { ["parts"] = "2" });
        var url = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://127.0.0.1:9/a.wav", parts = 2 });

        await AssertLowOnSpaceAsync(upload);
        await AssertLowOnSpaceAsync(url);
        var warnings = _log.Lines.Where(l => l.Category == typeof(StorageGuard).FullName && l.Level == LogLevel.Warning).ToList();
        Assert.Single(warnings);
        Assert.Contains("Storage:MinFreeBytes", warnings[0].Message);

        _disk.Bytes = 100L << 30;
        var again = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://127.0.0.1:9/a.wav", parts = 2 });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Contains(_log.Lines, l => l.Category == typeof(StorageGuard).FullName && l.Level == LogLevel.Information && l.Message.Contains("again"));
    }

    [Fact]
    public async Task Readyz_reports_low_disk_space_without_naming_the_data_folder()
    {
        using var client = _app.AnonymousClient();
        var healthy = JsonDocument.Parse(await client.GetStringAsync("/readyz")).RootElement;
        Assert.True(healthy.GetProperty("checks").GetProperty("diskSpace").GetProperty("ok").GetBoolean());

        _disk.Bytes = 10L << 20;
        var response = await client.GetAsync("/readyz");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var disk = JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("details").GetProperty("checks").GetProperty("diskSpace");
        Assert.False(disk.GetProperty("ok").GetBoolean());
        Assert.Contains("low on disk space", disk.GetProperty("detail").GetString());
        Assert.DoesNotContain(Path.GetFileName(_app.DataPath), disk.GetProperty("detail").GetString());
    }

    private static async Task AssertLowOnSpaceAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("SERVICE_UNAVAILABLE", error.GetProperty("code").GetString());
        Assert.Equal("storage", error.GetProperty("details").GetProperty("reason").GetString());
    }

    private sealed class SettableFreeSpace : IFreeSpace
    {
        public long Bytes { get; set; }

        public long AvailableBytes(string path) => Bytes;
    }
}
