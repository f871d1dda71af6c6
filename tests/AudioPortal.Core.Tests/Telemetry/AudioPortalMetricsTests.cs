using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Tests.Splits;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Telemetry;

/// <summary>The service's meter records what the job pipeline decided, as it decides it, by the injected clock.</summary>
public sealed class AudioPortalMetricsTests : IAsyncDisposable
{
    private readonly SplitsTestServices _services = new();
    private readonly MetricsRecorder _recorded;

    public AudioPortalMetricsTests() => _recorded = new MetricsRecorder(_services.Provider);

    [Fact]
    public async Task A_claim_records_how_long_the_job_waited_since_it_was_created()
    {
        var account = await _services.NewAccountAsync();
        await QueueUrlJobAsync(account);
        _services.Clock.Advance(TimeSpan.FromSeconds(90));

        Assert.NotNull(await _services.Provider.GetRequiredService<JobQueue>().ClaimNextAsync(CancellationToken.None));

        Assert.Single(_recorded.Of("audioportal.jobs.queued"));
        Assert.Equal(90, Assert.Single(_recorded.Of("audioportal.queue.wait")).Value);
    }

    [Fact]
    public async Task A_failed_job_is_counted_under_its_catalog_code_once()
    {
        var account = await _services.NewAccountAsync();
        await QueueUrlJobAsync(account);
        var claim = await _services.Provider.GetRequiredService<JobQueue>().ClaimNextAsync(CancellationToken.None);
        var completion = _services.Provider.GetRequiredService<JobCompletion>();

        Assert.True(await completion.FailAsync(claim!, ErrorCatalog.DownloadFailed.ToError()));
        Assert.False(await completion.FailAsync(claim!, ErrorCatalog.InternalError.ToError())); // the claim no longer holds

        var failed = Assert.Single(_recorded.Of("audioportal.jobs.failed"));
        Assert.Equal("DOWNLOAD_FAILED", failed.Tags["code"]);
    }

    private async Task QueueUrlJobAsync(string accountId)
    {
        await using var scope = _services.ScopeFor(accountId);
        var created = await scope.ServiceProvider.GetRequiredService<SplitCreation>().CreateAsync(
            new CreateSplitRequest { SourceUrl = "http://127.0.0.1:9/a.mp3", SegmentDuration = 5 }, null, null, CancellationToken.None);
        Assert.True(created.IsSuccess, created.Error?.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _recorded.Dispose();
        await _services.DisposeAsync();
    }
}
