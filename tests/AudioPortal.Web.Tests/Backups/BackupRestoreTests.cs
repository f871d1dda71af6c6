using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.TestSupport;
using AudioPortal.Web.Cli;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Backups;

/// <summary>
/// <c>backup</c> of a running server (real process) while it answers requests, <c>restore</c> into a fresh folder, a
/// server started on it: the same key works and a part downloads byte for byte.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("audioportal-backup-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private string Live => Path.Combine(_root, "live");

    private string Backup => Path.Combine(_root, "backup");

    private string Restored => Path.Combine(_root, "restored");

    private Task<int> RunAsync(string dataPath, params string[] args) =>
        WebCli.RunAsync(args, _out, _err, new Dictionary<string, string?> { ["Data:Path"] = dataPath });

    [Fact]
    public async Task A_backup_taken_while_the_server_serves_restores_into_a_server_that_serves_the_same_parts()
    {
        var key = await SeedAccountWithKeyAsync();
        byte[] part;
        string jobId;
        using (var server = ServerProcess.Start(Live))
        {
            using var client = await WithKeyAsync(server, key);
            jobId = await SplitAsync(client);
            part = await DownloadFirstPartAsync(client, jobId);

            // Requests keep arriving while the backup runs.
            using var busy = new CancellationTokenSource();
            var traffic = Task.Run(async () =>
            {
                while (!busy.IsCancellationRequested)
                {
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/splits/{jobId}")).StatusCode);
                }
            });
            Assert.Equal(0, await RunAsync(Live, "backup", "--out", Backup));
            await busy.CancelAsync();
            await traffic;
        }

        Assert.Contains("Backed up", _out.ToString());

        // The blobs are backed up as they are stored (ciphertext), with the storage key that opens them.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(Backup, "keys", "storage"), "*.key"));
        Assert.All(Directory.GetFiles(Path.Combine(Backup, "blobs"), "*", SearchOption.AllDirectories),
            f => Assert.NotNull(Core.Storage.Encryption.BlobCipher.KeyIdOf(f)));
        Assert.Equal(0, await RunAsync(Restored, "restore", "--from", Backup));

        using var restored = ServerProcess.Start(Restored);
        using var again = await WithKeyAsync(restored, key);
        Assert.Equal(part, await DownloadFirstPartAsync(again, jobId));
    }

    [Fact]
    public async Task Restore_refuses_a_data_folder_in_use_unless_forced_and_then_moves_it_aside()
    {
        await SeedAccountWithKeyAsync();
        Assert.Equal(0, await RunAsync(Live, "backup", "--out", Backup));
        Directory.CreateDirectory(Restored);
        await File.WriteAllTextAsync(Path.Combine(Restored, "precious.txt"), "keep me");

        Assert.Equal(1, await RunAsync(Restored, "restore", "--from", Backup));
        Assert.Contains("is not empty", _err.ToString());
        Assert.False(File.Exists(Path.Combine(Restored, "audioportal.db")));

        Assert.Equal(0, await RunAsync(Restored, "restore", "--from", Backup, "--force"));
        Assert.True(File.Exists(Path.Combine(Restored, "audioportal.db")));
        var aside = Assert.Single(Directory.GetDirectories(_root, "restored.before-restore-*"));
        Assert.Equal("keep me", await File.ReadAllTextAsync(Path.Combine(aside, "precious.txt")));
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_before_anything_is_written()
    {
        await SeedAccountWithKeyAsync();
        Assert.Equal(0, await RunAsync(Live, "backup", "--out", Backup));
        var keyFile = Directory.GetFiles(Path.Combine(Backup, "keys"), "*", SearchOption.AllDirectories).First();
        await File.AppendAllTextAsync(keyFile, "x");

        Assert.Equal(1, await RunAsync(Restored, "restore", "--from", Backup));

        Assert.Contains("the backup is damaged", _err.ToString());
        Assert.Contains(Path.GetRelativePath(Backup, keyFile), _err.ToString());
        Assert.False(Directory.Exists(Restored) && Directory.EnumerateFileSystemEntries(Restored).Any());
    }

    [Fact]
    public async Task Backup_refuses_a_folder_that_is_not_empty()
    {
        await SeedAccountWithKeyAsync();
        Directory.CreateDirectory(Backup);
        await File.WriteAllTextAsync(Path.Combine(Backup, "old.txt"), "x");

        Assert.Equal(1, await RunAsync(Live, "backup", "--out", Backup));
        Assert.Contains("is not empty", _err.ToString());
    }

    private async Task<string> SeedAccountWithKeyAsync()
    {
        using var app = new AppFactory();
        app.Settings["Data:Path"] = Live;
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

    private static async Task<string> SplitAsync(HttpClient client)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("10"), "segmentDuration" },
            { new ByteArrayContent(TestWav.Sine(25)), "file", "tone.wav" },
        };
        var created = await client.PostAsync("/api/v1/splits", form);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if ((await client.GetFromJsonAsync<JsonElement>($"/api/v1/splits/{id}")).GetProperty("status").GetString() == "completed")
            {
                return id;
            }
        }

        throw new TimeoutException($"Job {id} did not complete.");
    }

    private static async Task<byte[]> DownloadFirstPartAsync(HttpClient client, string jobId)
    {
        var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/splits/{jobId}");
        var url = job.GetProperty("segments")[0].GetProperty("downloadUrl").GetString()!;
        var bytes = await client.GetByteArrayAsync(new Uri(url).PathAndQuery);
        Assert.True(bytes.Length > 1000);
        return bytes;
    }

    public void Dispose()
    {
        _out.Dispose();
        _err.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
