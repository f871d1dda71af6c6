using System.Net;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Limits;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>
/// Multipart uploads are bounded: few text fields, few bytes of them, and a body no larger than the plan's file size
/// plus a small allowance, refused as the limit is crossed, with or without Content-Length (Kestrel on 127.0.0.1).
/// </summary>
public sealed class SplitUploadReaderTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_form_with_more_than_32_fields_is_400()
    {
        var user = await app.NewAccountAsync();
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < 33; i++)
        {
            form.Add(new StringContent("x"), $"f{i}");
        }

        var error = await (await user.Client.PostAsync("/api/v1/splits", form)).AssertErrorAsync(HttpStatusCode.BadRequest, "INVALID_PARAMS");
        Assert.Equal(32, error.GetProperty("details").GetProperty("maxFields").GetInt32());
    }

    [Fact]
    public async Task Text_fields_larger_than_64_KB_together_are_400()
    {
        var user = await app.NewAccountAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(new string('a', 40 * 1024)), "metadata" },
            { new StringContent(new string('b', 40 * 1024)), "webhookUrl" },
        };

        var error = await (await user.Client.PostAsync("/api/v1/splits", form)).AssertErrorAsync(HttpStatusCode.BadRequest, "INVALID_PARAMS");
        Assert.Equal(64 * 1024, error.GetProperty("details").GetProperty("maxFieldBytes").GetInt32());
    }

    [Fact]
    public async Task A_thousand_big_fields_sent_chunked_are_refused_without_reading_them_all()
    {
        // A test key: its 10 MiB limit (plus the allowance) is where the server stops reading what follows the answer.
        var user = await app.NewAccountAsync(testKey: true);
        var fields = Enumerable.Range(0, 1000).Select(i => ($"name=\"f{i}\"", RawHttpUpload.Bytes(64 * 1024)));
        var outcome = await SendAsync(user, fields, maxBytes: 64 * MiB);

        Assert.StartsWith("HTTP/1.1 400", outcome.StatusLine);
        Assert.Contains("INVALID_PARAMS", outcome.Response);
        Assert.True(outcome.ServerClosed, $"The server kept reading: {outcome.BytesSent / MiB} MiB were sent");
        Assert.True(outcome.BytesSent < 40 * MiB, $"{outcome.BytesSent / MiB} MiB of 64 MiB were sent");
    }

    [Fact]
    public async Task A_chunked_upload_over_the_test_key_limit_is_413_and_the_server_stops_reading()
    {
        var user = await app.NewAccountAsync(testKey: true);
        var parts = new[]
        {
            ("name=\"segmentDuration\"", (IEnumerable<byte[]>)["5"u8.ToArray()]),
            ("name=\"file\"; filename=\"big.wav\"", RawHttpUpload.Bytes(200 * MiB)),
        };
        var outcome = await SendAsync(user, parts, maxBytes: 200 * MiB);

        Assert.StartsWith("HTTP/1.1 413", outcome.StatusLine);
        Assert.Contains("FILE_TOO_LARGE", outcome.Response);
        Assert.True(outcome.ServerClosed, $"The server kept reading: {outcome.BytesSent / MiB} MiB were sent");
        Assert.True(outcome.BytesSent < 64 * MiB, $"{outcome.BytesSent / MiB} MiB of a 10 MiB limit were sent");
        var blobs = Path.Combine(app.DataPath, "blobs", user.Id);
        Assert.Empty(Directory.Exists(blobs) ? Directory.GetFiles(blobs, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Fields_within_the_limits_still_make_a_job()
    {
        var user = await app.NewAccountAsync();
        var fields = new Dictionary<string, string> { ["segmentDuration"] = "1", ["metadata"] = "{\"a\":\"" + new string('m', 400) + "\"}" };
        var response = await user.UploadAsync(TestWav.Sine(2), "a.wav", fields);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static Task<RawUploadOutcome> SendAsync(TestAccount user, IEnumerable<(string, IEnumerable<byte[]>)> parts, long maxBytes) =>
        RawHttpUpload.SendChunkedAsync(user.Client.BaseAddress!, "/api/v1/splits",
            new Dictionary<string, string>
            {
                ["X-API-Key"] = user.Client.DefaultRequestHeaders.GetValues("X-API-Key").Single(),
                ["Content-Type"] = "multipart/form-data; boundary=bnd",
            },
            RawHttpUpload.Multipart("bnd", parts), maxBytes);
}
