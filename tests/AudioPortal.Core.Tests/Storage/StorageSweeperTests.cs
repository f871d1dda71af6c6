using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Tests.Splits;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Storage;

/// <summary>Files no record points at are removed once they are older than <c>Storage:StagedUploadLifetime</c> (24 h).</summary>
public sealed class StorageSweeperTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly SplitsTestServices _services = new();
    private string _account = "";

    public async Task InitializeAsync() => _account = await _services.NewAccountAsync();

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private StorageSweeper Sweeper => _services.Provider.GetRequiredService<StorageSweeper>();

    [Fact]
    public async Task A_staged_upload_older_than_the_lifetime_is_swept_and_a_young_one_is_kept()
    {
        var old = await WriteAsync(BlobKeys.Staged(_account, "upl_old"), age: Lifetime + TimeSpan.FromMinutes(1));
        var young = await WriteAsync(BlobKeys.Staged(_account, "upl_young"), age: Lifetime - TimeSpan.FromMinutes(1));

        var result = await Sweeper.SweepAsync(default);

        Assert.False(_services.Store.Exists(old));
        Assert.True(_services.Store.Exists(young));
        Assert.Equal(1, result.StagedUploads);
    }

    [Fact]
    public async Task A_job_made_from_an_upload_the_sweeper_removed_is_refused_as_expired()
    {
        StagedUpload upload;
        await using (var scope = _services.ScopeFor(_account))
        {
            upload = (await scope.ServiceProvider.GetRequiredService<UploadStaging>().StageUploadAsync("tone.wav", new MemoryStream(TestWav.Sine(2)), default)).Value;
        }

        _services.Clock.Advance(Lifetime + TimeSpan.FromMinutes(1));
        await Sweeper.SweepAsync(default);

        await using (var scope = _services.ScopeFor(_account))
        {
            var created = await scope.ServiceProvider.GetRequiredService<SplitCreation>().CreateAsync(new CreateSplitRequest { Parts = 2 }, upload, null, default);
            Assert.False(created.IsSuccess);
            var fields = Assert.IsType<FieldError[]>(created.Error.Details!["fields"]);
            Assert.Contains(fields, f => f.Field == "file" && f.Message.Contains("expired"));
        }
    }

    [Fact]
    public async Task An_old_staged_upload_a_queued_job_still_references_is_kept()
    {
        var key = await WriteAsync(BlobKeys.Staged(_account, "upl_queued"), age: Lifetime * 2);
        await AddJobAsync(new SplitJob { AccountId = _account, SplitMode = SplitModes.Parts, Parts = 2, SourceKey = key, Status = JobStatus.Queued });

        await Sweeper.SweepAsync(default);

        Assert.True(_services.Store.Exists(key));
    }

    [Fact]
    public async Task An_abandoned_partial_file_is_swept_but_one_still_being_written_is_kept()
    {
        var abandoned = await WriteAsync($"{_account}/uploads/upl_a{BlobKeys.PartialMarker}0123", age: Lifetime + TimeSpan.FromHours(1));
        var writing = await WriteAsync($"{_account}/job_x/source{BlobKeys.PartialMarker}4567", age: TimeSpan.FromSeconds(5));

        var result = await Sweeper.SweepAsync(default);

        Assert.False(File.Exists(Path.Combine(_services.BlobRoot, abandoned)));
        Assert.True(File.Exists(Path.Combine(_services.BlobRoot, writing)));
        Assert.Equal(1, result.PartialFiles);
    }

    [Fact]
    public async Task Files_of_a_job_that_has_no_record_are_swept_and_those_of_a_known_job_are_kept()
    {
        var job = new SplitJob { AccountId = _account, SplitMode = SplitModes.Parts, Parts = 2, Status = JobStatus.Completed };
        await AddJobAsync(job);
        var known = await WriteAsync(BlobKeys.Source(_account, job.Id), age: Lifetime * 3);
        var orphan = await WriteAsync(BlobKeys.Source(_account, "job_nevercommitted"), age: Lifetime * 3);

        var result = await Sweeper.SweepAsync(default);

        Assert.True(_services.Store.Exists(known));
        Assert.False(_services.Store.Exists(orphan));
        Assert.Equal(1, result.OrphanFiles);
    }

    [Fact]
    public async Task Parts_and_manifest_files_of_a_failed_job_and_of_a_lost_attempt_are_swept_while_the_winning_attempts_are_kept()
    {
        var failed = new SplitJob { AccountId = _account, SplitMode = SplitModes.Parts, Parts = 2, Status = JobStatus.Failed };
        var completed = new SplitJob { AccountId = _account, SplitMode = SplitModes.Parts, Parts = 2, Status = JobStatus.Completed };
        var segment = BlobKeys.Part(_account, completed.Id, "won", "tone-part-01.wav");
        completed.Segments.Add(new Segment { JobId = completed.Id, Index = 1, BlobKey = segment, FileName = "tone-part-01.wav", Sha256 = "x" });
        await AddJobAsync(failed);
        await AddJobAsync(completed);
        var failedPart = await WriteAsync(BlobKeys.Part(_account, failed.Id, "crashed", "tone-part-01.wav"), age: Lifetime * 2);
        var failedSource = await WriteAsync(BlobKeys.Source(_account, failed.Id), age: Lifetime * 2);
        var lostAttempt = await WriteAsync(BlobKeys.Part(_account, completed.Id, "lost", "tone-part-01.wav"), age: Lifetime * 2);
        await WriteAsync(segment, age: Lifetime * 2);
        string[] manifests = [StoredManifests.Json, StoredManifests.Cue];
        var keptManifests = await Task.WhenAll(manifests.Select(n => WriteAsync(BlobKeys.Part(_account, completed.Id, "won", n), age: Lifetime * 2)));
        var lostManifests = await Task.WhenAll(manifests.Select(n => WriteAsync(BlobKeys.Part(_account, completed.Id, "lost", n), age: Lifetime * 2)));
        var failedManifests = await Task.WhenAll(manifests.Select(n => WriteAsync(BlobKeys.Part(_account, failed.Id, "crashed", n), age: Lifetime * 2)));

        await Sweeper.SweepAsync(default);

        Assert.False(_services.Store.Exists(failedPart));
        Assert.False(_services.Store.Exists(lostAttempt));
        Assert.True(_services.Store.Exists(segment));
        Assert.All(keptManifests, k => Assert.True(_services.Store.Exists(k), k)); // they sit beside the segments
        Assert.All(lostManifests.Concat(failedManifests), k => Assert.False(_services.Store.Exists(k), k));
        Assert.True(_services.Store.Exists(failedSource)); // the job's own files go with its retention, not here
    }

    [Fact]
    public async Task The_file_of_a_failed_export_is_swept_and_a_completed_exports_is_kept()
    {
        var failed = new AccountExport { AccountId = _account, Format = ExportFormats.Json, Status = ExportStatus.Failed };
        var completed = new AccountExport { AccountId = _account, Format = ExportFormats.Json, Status = ExportStatus.Completed };
        await AddAsync(failed, completed);
        var failedFile = await WriteAsync(ExportBlobKeys.File(_account, failed.Id, failed.Format), age: Lifetime * 2);
        var completedFile = await WriteAsync(ExportBlobKeys.File(_account, completed.Id, completed.Format), age: Lifetime * 2);

        await Sweeper.SweepAsync(default);

        Assert.False(_services.Store.Exists(failedFile));
        Assert.True(_services.Store.Exists(completedFile));
    }

    [Fact]
    public async Task Work_folders_of_jobs_no_longer_running_are_swept_and_the_running_jobs_is_kept()
    {
        var leaseEnds = _services.Clock.GetUtcNow().AddMinutes(1);
        var running = new SplitJob { AccountId = _account, SplitMode = SplitModes.Parts, Parts = 2, Status = JobStatus.Processing, LeaseToken = "tok1", LeaseExpiresAt = leaseEnds };
        var requeued = new SplitJob { AccountId = _account, SplitMode = SplitModes.Parts, Parts = 2, Status = JobStatus.Queued };
        var crashed = new SplitJob { AccountId = _account, SplitMode = SplitModes.Parts, Parts = 2, Status = JobStatus.Processing, LeaseToken = "tok5", LeaseExpiresAt = leaseEnds.AddMinutes(-5) };
        await AddJobAsync(running);
        await AddJobAsync(requeued);
        await AddJobAsync(crashed);
        var keep = WorkFolder($"{running.Id}-tok1");
        var staleAttempt = WorkFolder($"{running.Id}-tok0");
        var afterRestart = WorkFolder($"{requeued.Id}-tok9");
        var deadWorker = WorkFolder($"{crashed.Id}-tok5");
        var unrelated = WorkFolder("operator-notes");

        var result = await Sweeper.SweepAsync(default);

        Assert.True(Directory.Exists(keep));
        Assert.False(Directory.Exists(staleAttempt));
        Assert.False(Directory.Exists(afterRestart));
        Assert.False(Directory.Exists(deadWorker));
        Assert.True(Directory.Exists(unrelated));
        Assert.Equal(3, result.WorkFolders);
    }

    /// <summary>Writes a blob whose last write lies <paramref name="age"/> before the service clock's now.</summary>
    private async Task<string> WriteAsync(string key, TimeSpan age)
    {
        var path = Path.Combine(_services.BlobRoot, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, new byte[100]);
        File.SetLastWriteTimeUtc(path, (_services.Clock.GetUtcNow() - age).UtcDateTime);
        return key;
    }

    private string WorkFolder(string name)
    {
        var path = Path.Combine(_services.Options.WorkDirectory, name);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "part-01.mp3"), "x");
        return path;
    }

    private Task AddJobAsync(SplitJob job)
    {
        job.CreatedAt = _services.Clock.GetUtcNow();
        return AddAsync(job);
    }

    private async Task AddAsync(params object[] entities)
    {
        await using var scope = _services.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }
}
