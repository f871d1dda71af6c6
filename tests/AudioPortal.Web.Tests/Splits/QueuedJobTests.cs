using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Splits;
using Microsoft.Extensions.DependencyInjection;
using static AudioPortal.Web.Tests.Splits.SplitJobLifecycleTests;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>The app with no background worker, so jobs stay where a test puts them.</summary>
public class NoWorkerAppFactory : SplitsAppFactory
{
    public NoWorkerAppFactory()
        : this(TestEngine.Sqlite)
    {
    }

    protected NoWorkerAppFactory(TestEngine engine)
        : base(engine) => Settings["Splits:RunBackgroundWork"] = "false";
}

/// <summary><see cref="NoWorkerAppFactory"/> on its own PostgreSQL database.</summary>
public sealed class PostgresNoWorkerAppFactory() : NoWorkerAppFactory(TestEngine.Postgres);

/// <summary>
/// Changing and deleting jobs depends on their state: queued jobs change, processing ones refuse; on each database
/// engine (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).
/// </summary>
public abstract class QueuedJobTests(NoWorkerAppFactory app)
{
    public sealed class OnSqlite(NoWorkerAppFactory app) : QueuedJobTests(app), IClassFixture<NoWorkerAppFactory>;

    public sealed class OnPostgres(PostgresNoWorkerAppFactory app) : QueuedJobTests(app), IClassFixture<PostgresNoWorkerAppFactory>, IOnPostgres;

    [DatabaseFact]
    public async Task A_queued_job_can_be_changed_and_deleted_and_is_gone_afterwards()
    {
        var user = await app.NewAccountAsync();
        var id = await CreateAsync(user);
        var queued = await user.GetJobAsync(id);
        Assert.False(queued.TryGetProperty("manifestUrl", out _)); // null until completed (null members are omitted)
        Assert.False(queued.TryGetProperty("cueUrl", out _));

        var patched = await user.Client.PatchAsJsonAsync($"/api/v1/splits/{id}", new { parts = 4, outputFormat = "flac", metadata = new { b = "2" } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var job = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("parts", job.GetProperty("splitMode").GetString());
        Assert.Equal(4, job.GetProperty("parts").GetInt32());
        Assert.False(job.TryGetProperty("segmentDuration", out _)); // null members are omitted
        Assert.Equal("flac", job.GetProperty("outputFormat").GetString());
        Assert.Equal("2", job.GetProperty("metadata").GetProperty("b").GetString());
        await AssertErrorAsync(await user.Client.PatchAsJsonAsync($"/api/v1/splits/{id}", new { outputFormat = "wma" }), HttpStatusCode.UnprocessableEntity, "INVALID_FORMAT");

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/v1/splits/{id}")).StatusCode);
        await AssertErrorAsync(await user.Client.GetAsync($"/api/v1/splits/{id}"), HttpStatusCode.NotFound, "JOB_NOT_FOUND");
        var list = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/splits");
        Assert.Equal(0, list.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [DatabaseFact]
    public async Task A_processing_job_can_be_neither_changed_nor_deleted()
    {
        var user = await app.NewAccountAsync();
        var id = await CreateAsync(user);
        var claim = await app.Services.GetRequiredService<JobQueue>().ClaimNextAsync(CancellationToken.None);
        Assert.Equal(id, claim?.JobId);

        await AssertErrorAsync(await user.Client.PatchAsJsonAsync($"/api/v1/splits/{id}", new { segmentDuration = 9 }), HttpStatusCode.Conflict, "JOB_ALREADY_PROCESSING");
        await AssertErrorAsync(await user.Client.DeleteAsync($"/api/v1/splits/{id}"), HttpStatusCode.Conflict, "JOB_ALREADY_PROCESSING");
        Assert.Equal("processing", (await user.GetJobAsync(id)).GetProperty("status").GetString());
    }

    [DatabaseFact]
    public async Task A_failed_job_cannot_be_changed_and_the_answer_says_it_has_finished()
    {
        var user = await app.NewAccountAsync();
        var id = await CreateAsync(user);
        var claim = await app.Services.GetRequiredService<JobQueue>().ClaimNextAsync(CancellationToken.None);
        Assert.True(await app.Services.GetRequiredService<JobCompletion>().FailAsync(claim!, AudioPortal.Core.Errors.ErrorCatalog.CorruptFile.ToError()));

        await AssertErrorAsync(await user.Client.PatchAsJsonAsync($"/api/v1/splits/{id}", new { segmentDuration = 9 }), HttpStatusCode.Conflict, "JOB_ALREADY_FINISHED");
    }

    private static async Task<string> CreateAsync(TestAccount user)
    {
        var created = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://127.0.0.1:9/a.mp3", segmentDuration = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
