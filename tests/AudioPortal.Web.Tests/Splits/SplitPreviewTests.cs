using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.TestSupport;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Splits;

/// <summary><c>POST /api/v1/splits/preview</c>: the planned parts of a create body, with real silence analysis, and no job.</summary>
public sealed class SplitPreviewTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    private const string Preview = "/api/v1/splits/preview";

    /// <summary>Four 3 s tones, each followed by 0.6 s of silence.</summary>
    private static readonly byte[] Bursts = TestWav.Bursts(4, 3.0, 0.6);

    private static readonly Dictionary<string, string> SilenceSplit = new()
    {
        ["splitMode"] = "duration", ["segmentDuration"] = "5", ["cutAt"] = "silence", ["silence.searchWindow"] = "2",
    };

    [FfmpegFact]
    public async Task A_preview_answers_the_parts_the_completed_job_gets_and_creates_no_job()
    {
        var user = await app.NewAccountAsync();
        var response = await user.UploadAsync(Bursts, "talk.wav", SilenceSplit, path: Preview);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var previewed = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parts").EnumerateArray().ToList();
        var jobs = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/splits");
        Assert.Equal(0, jobs.GetProperty("pagination").GetProperty("total").GetInt32());

        var created = await user.UploadAsync(Bursts, "talk.wav", SilenceSplit);
        var job = await user.WaitForJobAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var parts = job.GetProperty("segments").EnumerateArray().ToList();

        Assert.Equal(4, previewed.Count);
        Assert.Equal(parts.Select(Offsets), previewed.Select(Offsets));
        Assert.Equal("silence", previewed[0].GetProperty("cutReason").GetString());
        Assert.Equal(previewed[0].GetProperty("endSample").GetInt64() / 8000.0, previewed[0].GetProperty("end").GetDouble(), 3);
    }

    [FfmpegFact]
    public async Task A_json_preview_of_a_source_url_plans_it_without_a_job()
    {
        var wav = TestWav.Sine(4);
        await using var source = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "audio/wav";
            await context.Response.Body.WriteAsync(wav);
        });
        var user = await app.NewAccountAsync();

        var response = await user.Client.PostAsJsonAsync(Preview, new { sourceUrl = source.BaseUrl + "/ep42.wav", segmentDuration = 3, overlap = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(2, parts.Count);
        Assert.Equal(2 * 8000, parts[1].GetProperty("startSample").GetInt64());
        Assert.Equal(0, (await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/splits")).GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_preview_with_a_bad_field_is_a_field_error()
    {
        var user = await app.NewAccountAsync();
        var response = await user.Client.PostAsJsonAsync(Preview, new { sourceUrl = "https://example.com/a.mp3", segmentDuration = 5, overlap = 40 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("overlap", error.GetProperty("details").GetProperty("fields")[0].GetProperty("field").GetString());
    }

    private static string Offsets(JsonElement part) =>
        $"{part.GetProperty("index")} {part.GetProperty("startSample")}-{part.GetProperty("endSample")} {part.GetProperty("cutReason")} {part.GetProperty("title")}";
}
