using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AudioPortal.Web.Tests.Infrastructure;
using static AudioPortal.Web.Tests.Splits.SplitJobLifecycleTests;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>The errors of the catalog that creating, reading and changing jobs own.</summary>
public sealed class SplitErrorTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    [Fact]
    public async Task Every_invalid_field_is_reported_together()
    {
        var user = await app.NewAccountAsync();
        var response = await user.Client.PostAsJsonAsync("/api/v1/splits", new
        {
            sourceUrl = "http://127.0.0.1:9/a.mp3", splitMode = "duration", segmentDuration = 0, outputFormat = "xyz",
            metadata = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v"),
        });
        var error = await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
        var fields = error.GetProperty("details").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ToList();
        Assert.Equal(["segmentDuration", "outputFormat", "metadata"], fields);
    }

    [Fact]
    public async Task A_single_bad_field_answers_with_its_own_code()
    {
        var user = await app.NewAccountAsync();
        async Task<JsonElement> Post(object body, HttpStatusCode status, string code) =>
            await AssertErrorAsync(await user.Client.PostAsJsonAsync("/api/v1/splits", body), status, code);

        await Post(new { sourceUrl = "http://127.0.0.1:9/a.mp3", segmentDuration = 0 }, HttpStatusCode.UnprocessableEntity, "DURATION_TOO_SHORT");
        await Post(new { sourceUrl = "http://127.0.0.1:9/a.mp3", segmentDuration = 5, outputFormat = "wma" }, HttpStatusCode.UnprocessableEntity, "INVALID_FORMAT");
        await Post(new { sourceUrl = "ftp://example.com/a.mp3", segmentDuration = 5 }, HttpStatusCode.UnprocessableEntity, "INVALID_URL");
        await Post(new { sourceUrl = "http://127.0.0.1:9/a.mp3", segmentDuration = 5, webhookUrl = "file:///etc/passwd" }, HttpStatusCode.UnprocessableEntity, "INVALID_URL");
        await Post(new { sourceUrl = "http://127.0.0.1:9/a.mp3", splitMode = "fileSize", maxFileSize = 1000 }, HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
        var missing = await Post(new { splitMode = "duration" }, HttpStatusCode.BadRequest, "INVALID_PARAMS");
        var fields = missing.GetProperty("details").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString());
        Assert.Equal(["sourceUrl", "segmentDuration"], fields);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_and_a_field_of_the_wrong_type_is_422()
    {
        var user = await app.NewAccountAsync();
        var notJson = await user.Client.PostAsync("/api/v1/splits", new StringContent("{oops", Encoding.UTF8, "application/json"));
        await AssertErrorAsync(notJson, HttpStatusCode.BadRequest, "INVALID_PARAMS");
        var wrongType = await user.Client.PostAsync("/api/v1/splits",
            new StringContent("""{"sourceUrl":"http://127.0.0.1:9/a","segmentDuration":"ten"}""", Encoding.UTF8, "application/json"));
        await AssertErrorAsync(wrongType, HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
    }

    [Fact]
    public async Task An_upload_declared_larger_than_the_test_key_limit_is_413_before_reading_it()
    {
        var user = await app.NewAccountAsync(testKey: true);
        var content = new MultipartFormDataContent { { new StringContent("5"), "segmentDuration" } };
        content.Add(new ByteArrayContent(new byte[11 * 1024 * 1024]), "file", "big.wav");
        var error = await AssertErrorAsync(await user.Client.PostAsync("/api/v1/splits", content), HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
        Assert.Equal(10 * 1024 * 1024, error.GetProperty("details").GetProperty("maxFileSize").GetInt64());
    }

    [Fact]
    public async Task A_streamed_upload_without_length_is_cut_at_the_limit_and_its_partial_file_removed()
    {
        var user = await app.NewAccountAsync(testKey: true);
        var content = new MultipartFormDataContent { { new StringContent("5"), "segmentDuration" } };
        content.Add(new StreamContent(new MemoryStream(new byte[12 * 1024 * 1024])), "file", "big.wav");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/splits") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await user.Client.SendAsync(request);

        var error = await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
        Assert.Equal(10 * 1024 * 1024, error.GetProperty("details").GetProperty("maxFileSize").GetInt64());
        var blobs = Path.Combine(app.DataPath, "blobs", user.Id);
        Assert.Empty(Directory.Exists(blobs) ? Directory.GetFiles(blobs, "*", SearchOption.AllDirectories) : []);
    }

    [FfmpegFact]
    public async Task Unreadable_and_undecodable_uploads_and_too_long_segments_are_refused_at_once()
    {
        var user = await app.NewAccountAsync();
        var fields = new Dictionary<string, string> { ["segmentDuration"] = "2" };
        await AssertErrorAsync(await user.UploadAsync(Encoding.ASCII.GetBytes(new string('x', 5000)), "notes.mp3", fields),
            HttpStatusCode.UnprocessableEntity, "UNSUPPORTED_FORMAT");

        var wav = TestWav.Sine(2);
        var corrupt = wav[..44].Concat(new byte[1]).ToArray(); // a header that promises data which is not there
        var corruptResponse = await user.UploadAsync(corrupt, "broken.wav", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, corruptResponse.StatusCode);
        Assert.Contains((await corruptResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString(),
            new[] { "CORRUPT_FILE", "UNSUPPORTED_FORMAT" });

        var tooLong = await user.UploadAsync(wav, "short.wav", new Dictionary<string, string> { ["segmentDuration"] = "30" });
        await AssertErrorAsync(tooLong, HttpStatusCode.UnprocessableEntity, "DURATION_TOO_LONG");
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataPath, "blobs", user.Id), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Another_accounts_job_is_not_found_and_scopes_are_enforced()
    {
        var owner = await app.NewAccountAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://127.0.0.1:9/a.mp3", segmentDuration = 5 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var stranger = await app.NewAccountAsync();
        await AssertErrorAsync(await stranger.Client.GetAsync($"/api/v1/splits/{id}"), HttpStatusCode.NotFound, "JOB_NOT_FOUND");
        await AssertErrorAsync(await stranger.Client.DeleteAsync($"/api/v1/splits/{id}"), HttpStatusCode.NotFound, "JOB_NOT_FOUND");
        var list = await stranger.Client.GetFromJsonAsync<JsonElement>("/api/v1/splits");
        Assert.Equal(0, list.GetProperty("pagination").GetProperty("total").GetInt32());

        var readOnly = await app.NewAccountAsync(scopes: ["splits:read"]);
        var denied = await AssertErrorAsync(await readOnly.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://a.example/x.mp3", segmentDuration = 5 }),
            HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Equal("splits:write", denied.GetProperty("details").GetProperty("requiredScope").GetString());
    }

    [Fact]
    public async Task Segments_of_a_failed_job_answer_job_failed_with_the_cause()
    {
        var user = await app.NewAccountAsync();
        var response = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://127.0.0.1:9/gone.mp3", segmentDuration = 5 });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var job = await user.WaitForJobAsync(id);
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("DOWNLOAD_FAILED", job.GetProperty("error").GetProperty("code").GetString());

        var signer = (Core.Storage.SignedUrls)app.Services.GetService(typeof(Core.Storage.SignedUrls))!;
        var link = signer.Sign($"/api/v1/splits/{id}/segments/0");
        var error = await AssertErrorAsync(await app.AnonymousClient().GetAsync(link.PathAndQuery), HttpStatusCode.Conflict, "JOB_FAILED");
        Assert.Equal("DOWNLOAD_FAILED", error.GetProperty("details").GetProperty("cause").GetString());
    }
}
