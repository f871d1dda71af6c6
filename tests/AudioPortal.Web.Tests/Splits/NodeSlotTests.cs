using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Web.Splits;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>A server's node id survives its restarts, is its own while it runs, and lets it take its jobs back at once.</summary>
public sealed class NodeSlotTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"));

    public NodeSlotTests() => Directory.CreateDirectory(_data);

    [Fact]
    public void A_second_process_on_the_same_data_folder_gets_its_own_node_id_and_a_restart_gets_the_first_back()
    {
        string first;
        using (var running = new NodeSlot(_data))
        using (var second = new NodeSlot(_data))
        {
            first = running.Identity.NodeId;
            Assert.NotEqual(first, second.Identity.NodeId);
        }

        using var restarted = new NodeSlot(_data);
        Assert.Equal(first, restarted.Identity.NodeId);
    }

    [FfmpegFact]
    public async Task A_server_killed_mid_job_takes_the_job_back_within_seconds_of_its_restart_and_completes_it_once()
    {
        var key = await SeedAccountWithKeyAsync();
        var source = Path.Combine(_data, "source.flac");
        using (var ffmpeg = Process.Start("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=360:r=44100", "-ac", "2", source]))
        {
            await ffmpeg.WaitForExitAsync();
        }

        var settings = new Dictionary<string, string> { ["Splits:Workers"] = "1", ["Splits:PollInterval"] = "00:00:00.200" };
        string jobId;
        string crashedLease;
        using (var server = ServerProcess.Start(_data, settings: settings))
        {
            using var client = await WithKeyAsync(server, key);
            jobId = await UploadAsync(client, source);
            var processing = await WaitForAsync(client, jobId, j => j.GetProperty("status").GetString() == "processing" && j.GetProperty("progress").GetInt32() is > 0 and < 90, 120);
            Assert.True(processing, "The job never got under way.");
            crashedLease = Lease(jobId).Token!;
            server.Kill();
        }

        using var restarted = ServerProcess.Start(_data, settings: settings);
        var started = Stopwatch.StartNew();
        using var again = await WithKeyAsync(restarted, key);
        while (Lease(jobId) is var lease && (lease.Status != "processing" || lease.Token is null || lease.Token == crashedLease))
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10),
                $"The restarted server did not take its job back within 10 s (lease {lease}, was {crashedLease}):\n" + string.Join('\n', restarted.Output));
            await Task.Delay(100);
        }

        Assert.True(await WaitForAsync(again, jobId, j => j.GetProperty("status").GetString() is "completed" or "failed", 300));
        var job = await (await again.GetAsync($"/api/v1/splits/{jobId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(6, job.GetProperty("segmentCount").GetInt32());
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM UsageRecords WHERE JobId = $id", jobId));
        Assert.Equal(6L, Scalar("SELECT COUNT(*) FROM SplitSegments WHERE JobId = $id", jobId));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<string> SeedAccountWithKeyAsync()
    {
        using var app = new AppFactory();
        app.Settings["Data:Path"] = _data;
        app.Settings["Splits:RunBackgroundWork"] = "false";
        var account = await app.CreateAccountAsync();
        return (await app.CreateKeyAsync(account.Id)).Key;
    }

    private static async Task<HttpClient> WithKeyAsync(ServerProcess server, string key)
    {
        var client = await server.ClientAsync(TimeSpan.FromSeconds(60));
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    private static async Task<string> UploadAsync(HttpClient client, string source)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("duration"), "splitMode" },
            { new StringContent("60"), "segmentDuration" },
            { new StringContent("aac"), "outputFormat" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(source)), "file", "tone.flac" },
        };
        var response = await client.PostAsync("/api/v1/splits", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<bool> WaitForAsync(HttpClient client, string jobId, Func<JsonElement, bool> done, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (done(await (await client.GetAsync($"/api/v1/splits/{jobId}")).Content.ReadFromJsonAsync<JsonElement>()))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private (string? Status, string? Token) Lease(string jobId)
    {
        using var db = Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT Status, LeaseToken FROM SplitJobs WHERE Id = $id";
        command.Parameters.AddWithValue("$id", jobId);
        using var row = command.ExecuteReader();
        return row.Read() ? (row.GetString(0).ToLowerInvariant(), row.IsDBNull(1) ? null : row.GetString(1)) : (null, null);
    }

    private long Scalar(string sql, string jobId)
    {
        using var db = Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", jobId);
        return (long)command.ExecuteScalar()!;
    }

    private SqliteConnection Open()
    {
        var db = new SqliteConnection($"Data Source={Path.Combine(_data, "audioportal.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        return db;
    }
}
