using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>
/// Upload jobs through the real worker and real ffmpeg to completed, then download what they made, on each database
/// engine (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).
/// </summary>
public abstract class SplitJobLifecycleTests(SplitsAppFactory app)
{
    public sealed class OnSqlite(SplitsAppFactory app) : SplitJobLifecycleTests(app), IClassFixture<SplitsAppFactory>;

    public sealed class OnPostgres(PostgresSplitsAppFactory app) : SplitJobLifecycleTests(app), IClassFixture<PostgresSplitsAppFactory>, IOnPostgres;

    private static readonly byte[] FiveSeconds = TestWav.Sine(5);

    [DatabaseFfmpegFact]
    public async Task An_uploaded_wav_split_every_two_seconds_completes_with_parts_of_two_two_and_one_seconds()
    {
        var user = await app.NewAccountAsync();
        var response = await user.UploadAsync(FiveSeconds, "tone.wav", new Dictionary<string, string>
        {
            ["splitMode"] = "duration", ["segmentDuration"] = "2", ["metadata"] = """{"episode":"42"}""",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("job_", created.GetProperty("id").GetString());
        Assert.Equal("queued", created.GetProperty("status").GetString());
        Assert.Equal("wav", created.GetProperty("sourceFormat").GetString());
        Assert.Equal("wav", created.GetProperty("outputFormat").GetString());
        Assert.Equal("tone.wav", created.GetProperty("sourceFileName").GetString());
        Assert.Equal(FiveSeconds.Length, created.GetProperty("sourceSize").GetInt64());
        Assert.False(created.TryGetProperty("error", out _)); // null members are omitted
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", created.GetProperty("createdAt").GetString());

        var job = await user.WaitForJobAsync(created.GetProperty("id").GetString()!);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(100, job.GetProperty("progress").GetInt32());
        Assert.Equal(3, job.GetProperty("segmentCount").GetInt32());
        var durations = job.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("duration").GetDouble()).ToArray();
        Assert.Equal([2.0, 2.0, 1.0], durations);
        Assert.Equal("42", job.GetProperty("metadata").GetProperty("episode").GetString());
        Assert.StartsWith("http://127.0.0.1:", job.GetProperty("segments")[0].GetProperty("downloadUrl").GetString());
    }

    [DatabaseFfmpegTheory]
    [InlineData("mp3", "audio/mpeg", ".mp3")]
    [InlineData("wav", "audio/wav", ".wav")]
    [InlineData("flac", "audio/flac", ".flac")]
    [InlineData("ogg", "audio/ogg", ".ogg")]
    [InlineData("aac", "audio/mp4", ".m4a")]
    public async Task Each_output_format_completes_and_serves_its_parts_with_the_right_content_type(string format, string contentType, string extension)
    {
        var user = await app.NewAccountAsync();
        var response = await user.UploadAsync(FiveSeconds, "tone.wav", new Dictionary<string, string>
        {
            ["splitMode"] = "parts", ["parts"] = "2", ["outputFormat"] = format,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var job = await user.WaitForJobAsync(id);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(format, job.GetProperty("outputFormat").GetString());
        var segment = job.GetProperty("segments")[1];
        var download = await app.AnonymousClient().GetAsync(segment.GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(contentType, download.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(extension, download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(segment.GetProperty("size").GetInt64(), (await download.Content.ReadAsByteArrayAsync()).Length);
    }

    [DatabaseFfmpegFact]
    public async Task A_range_request_returns_exactly_the_asked_bytes_of_a_segment()
    {
        var (_, job) = await CompletedJobAsync();
        var url = job.GetProperty("segments")[0].GetProperty("downloadUrl").GetString()!;
        var client = app.AnonymousClient();
        var whole = await client.GetByteArrayAsync(url);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 100-199/{whole.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(whole[100..200], await partial.Content.ReadAsByteArrayAsync());
    }

    [DatabaseFfmpegFact]
    public async Task The_archive_holds_every_part_byte_for_byte_and_a_manifest_with_their_hashes()
    {
        var (_, job) = await CompletedJobAsync();
        var client = app.AnonymousClient();
        var response = await client.GetAsync(job.GetProperty("archiveUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var segments = job.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(segments.Count + 2, zip.Entries.Count); // the parts, manifest.json and manifest.cue
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var listed = manifest.RootElement.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(segments.Count, listed.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            var part = await client.GetByteArrayAsync(segments[i].GetProperty("downloadUrl").GetString());
            var entry = zip.GetEntry(listed[i].GetProperty("file").GetString()!)!;
            using var content = new MemoryStream();
            await entry.Open().CopyToAsync(content);
            Assert.Equal(part, content.ToArray());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(part)), listed[i].GetProperty("sha256").GetString());
            Assert.Equal(i, listed[i].GetProperty("index").GetInt32());
            Assert.Equal(part.Length, listed[i].GetProperty("bytes").GetInt64());
        }
    }

    [DatabaseFfmpegFact]
    public async Task Every_get_mints_fresh_links_and_tampered_or_expired_links_are_refused()
    {
        var (user, job) = await CompletedJobAsync();
        var url = job.GetProperty("segments")[0].GetProperty("downloadUrl").GetString()!;
        var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);

        var tamperedPath = url.Replace("/segments/0?", "/segments/1?");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(tamperedPath)).StatusCode);
        var expires = long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["expires"]!);
        var laterExpiry = url.Replace($"expires={expires}", $"expires={expires + 3600}");
        await AssertErrorAsync(await client.GetAsync(laterExpiry), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertErrorAsync(await client.GetAsync(url.Split('?')[0]), HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // A genuinely signed link whose time has passed.
        var signer = app.Services.GetService(typeof(Core.Storage.SignedUrls)) as Core.Storage.SignedUrls;
        var expired = signer!.Sign(new Uri(url).AbsolutePath, TimeSpan.FromSeconds(-10));
        await AssertErrorAsync(await client.GetAsync(expired.PathAndQuery), HttpStatusCode.Gone, "DOWNLOAD_EXPIRED");

        var again = await user.GetJobAsync(job.GetProperty("id").GetString()!);
        Assert.NotNull(again.GetProperty("segments")[0].GetProperty("expiresAt").GetString());
    }

    private Task<(TestAccount User, JsonElement Job)> CompletedJobAsync() => CompleteAsync(app);

    /// <summary>A 5 s tone split every 2 s, completed by the real worker.</summary>
    internal static async Task<(TestAccount User, JsonElement Job)> CompleteAsync(SplitsAppFactory app)
    {
        var user = await app.NewAccountAsync();
        var response = await user.UploadAsync(FiveSeconds, "tone.wav", new Dictionary<string, string> { ["segmentDuration"] = "2" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = await user.WaitForJobAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        return (user, job);
    }

    internal static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        return error.Clone();
    }
}
