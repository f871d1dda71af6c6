using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Storage;

/// <summary>
/// The plan's <c>MaxStorageBytes</c> (1 GiB on the free plan) through the public API. An account is filled with a sparse
/// file: it counts at its full length without taking that much disk.
/// </summary>
public sealed class StorageLimitTests : IAsyncLifetime
{
    private const long FreePlanCap = 1L << 30;
    private readonly SplitsAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_upload_to_a_full_account_is_refused_with_storage_limit_exceeded_and_leaves_no_file()
    {
        var user = await _app.NewAccountAsync();
        Fill(user.Id, FreePlanCap);

        var response = await user.UploadAsync(TestWav.Sine(4), "tone.wav", new Dictionary<string, string> { ["parts"] = "2" });

        await AssertStorageLimitAsync(response);
        var uploads = Path.Combine(_app.DataPath, "blobs", user.Id, "uploads");
        Assert.Empty(Directory.Exists(uploads) ? Directory.GetFiles(uploads) : []);
    }

    [Fact]
    public async Task An_upload_larger_than_the_room_left_is_cut_off_with_storage_limit_exceeded_not_file_too_large()
    {
        var user = await _app.NewAccountAsync();
        var wav = TestWav.Sine(2);
        Fill(user.Id, FreePlanCap - wav.Length / 2);

        var response = await user.UploadAsync(wav, "tone.wav", new Dictionary<string, string> { ["parts"] = "2" });

        await AssertStorageLimitAsync(response);
    }

    [Fact]
    public async Task A_url_source_for_a_full_account_is_refused_when_the_job_is_created()
    {
        var user = await _app.NewAccountAsync();
        Fill(user.Id, FreePlanCap);

        var response = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://127.0.0.1:9/a.wav", parts = 2 });

        await AssertStorageLimitAsync(response);
    }

    [Fact]
    public async Task A_downloaded_url_source_that_overflows_the_account_fails_the_job_with_storage_limit_exceeded()
    {
        var wav = TestWav.Sine(2);
        await using var source = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.ContentType = "audio/wav";
            return context.Response.Body.WriteAsync(wav).AsTask();
        });
        var user = await _app.NewAccountAsync();
        Fill(user.Id, FreePlanCap - wav.Length / 2);

        var created = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = source.BaseUrl + "/tone.wav", parts = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var job = await user.WaitForJobAsync(id, seconds: 30);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("STORAGE_LIMIT_EXCEEDED", job.GetProperty("error").GetProperty("code").GetString());
        Assert.False(File.Exists(Path.Combine(_app.DataPath, "blobs", user.Id, id, "source")));
    }

    /// <summary>A sparse file of <paramref name="bytes"/> in the account's folder (an old job's source).</summary>
    private void Fill(string accountId, long bytes)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_app.DataPath, "blobs", accountId, "job_filler")).FullName;
        using var file = File.Create(Path.Combine(folder, "source"));
        file.SetLength(bytes);
    }

    private static async Task AssertStorageLimitAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.PaymentRequired, $"{(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("STORAGE_LIMIT_EXCEEDED", error.GetProperty("code").GetString());
        Assert.Equal(FreePlanCap, error.GetProperty("details").GetProperty("maxStorageBytes").GetInt64());
    }
}
