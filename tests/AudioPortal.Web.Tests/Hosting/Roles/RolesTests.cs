using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Splits;
using AudioPortal.TestSupport;
using AudioPortal.Web.Hosting;
using AudioPortal.Web.Tests.Splits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Tests.Hosting.Roles;

/// <summary>
/// Roles: a <c>web</c> process serves and leaves its jobs queued; a <c>worker</c> on the same data processes them and
/// answers only health checks; <c>--role</c> on the command line chooses; a role that does not exist stops the start.
/// </summary>
public sealed class RolesTests
{
    [Fact]
    public async Task A_job_queued_by_a_web_process_waits_until_a_worker_on_the_same_data_completes_it_and_the_web_process_hears_it()
    {
        using var web = new SplitsAppFactory();
        web.Settings["Roles:Role"] = "web";
        var user = await web.NewAccountAsync();
        var heard = new ConcurrentQueue<JobEvent>();
        web.Services.GetRequiredService<IJobEvents>().Changed += heard.Enqueue; // what the portal's live pages listen to
        var created = await user.UploadAsync(TestWav.Sine(3), "a.wav", new Dictionary<string, string> { ["segmentDuration"] = "1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await Task.Delay(TimeSpan.FromSeconds(2)); // ten of the web process's poll intervals, had it workers
        Assert.Equal("queued", (await user.GetJobAsync(id)).GetProperty("status").GetString());

        using var worker = new SplitsAppFactory();
        worker.Settings["Roles:Role"] = "worker";
        worker.Settings["Data:Path"] = web.DataPath;
        worker.StartServer();
        var job = await user.WaitForJobAsync(id);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("segments").GetArrayLength());
        var part = await web.AnonymousClient().GetAsync(job.GetProperty("segments")[0].GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, part.StatusCode);

        // The web process runs no jobs: it reads the worker's changes from the database (every Splits:PollInterval).
        for (var waited = 0; waited < 50 && !heard.Any(e => e.JobId == id && e.Status == "completed"); waited++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(heard, e => e.JobId == id && e.Status == "completed" && e.AccountId == user.Id);
    }

    [Fact]
    public async Task A_worker_answers_its_health_checks_and_nothing_else()
    {
        using var worker = new SplitsAppFactory();
        worker.Settings["Roles:Role"] = "worker";
        var client = worker.AnonymousClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        foreach (var path in new[] { "/", "/jobs", "/api/v1/splits", "/api/v1/presets", "/openapi/v1.json", "/Account/Login" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public void The_role_switch_on_the_command_line_sets_the_role()
    {
        var builder = AudioPortalHost.CreateBuilder(["--role", "worker", "--urls", "http://127.0.0.1:0"]);

        Assert.Equal("worker", builder.Configuration["Roles:Role"]);
    }

    [Fact]
    public void A_role_that_does_not_exist_stops_the_start_naming_the_key()
    {
        using var app = new SplitsAppFactory();
        app.Settings["Roles:Role"] = "scheduler";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.StartServer());
        Assert.Contains("Roles:Role: 'scheduler' is not a role: use all, web or worker.", error.Failures);
    }
}
