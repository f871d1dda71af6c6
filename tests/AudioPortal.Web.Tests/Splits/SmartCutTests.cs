using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.TestSupport;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>The smart-cut fields of API.md §10 through the API, the real worker and real ffmpeg, on tone bursts with known gaps.</summary>
public sealed class SmartCutTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    private const int Rate = 8000;

    /// <summary>Four 3 s tones, each followed by 0.6 s of silence: gaps at 3.0–3.6, 6.6–7.2, 10.2–10.8 and 13.8–14.4 s.</summary>
    private static readonly byte[] Bursts = TestWav.Bursts(4, 3.0, 0.6);

    [FfmpegFact]
    public async Task A_silence_split_cuts_inside_the_gaps_and_says_so()
    {
        var job = await CompletedAsync(new Dictionary<string, string>
        {
            ["splitMode"] = "duration", ["segmentDuration"] = "5", ["cutAt"] = "silence", ["silence.searchWindow"] = "2",
        });

        var parts = job.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(4, parts.Count);
        Assert.Equal("talk (part 2 of 4)", parts[1].GetProperty("title").GetString()); // the title in the part's tags
        foreach (var part in parts.SkipLast(1))
        {
            var end = part.GetProperty("endSample").GetInt64() / (double)Rate;
            Assert.Equal("silence", part.GetProperty("cutReason").GetString());
            Assert.Contains(new[] { 3.0, 6.6, 10.2 }, gap => end > gap && end < gap + 0.6);
            Assert.Equal(Rate, part.GetProperty("sampleRate").GetInt32());
        }
    }

    [FfmpegFact]
    public async Task MaxSegmentDuration_holds_for_every_part()
    {
        var job = await CompletedAsync(new Dictionary<string, string>
        {
            ["splitMode"] = "duration", ["segmentDuration"] = "5", ["maxSegmentDuration"] = "4",
        });

        var parts = job.GetProperty("segments").EnumerateArray().ToList();
        Assert.True(parts.Count >= 4);
        Assert.All(parts, p => Assert.True(p.GetProperty("endSample").GetInt64() - p.GetProperty("startSample").GetInt64() <= 4 * Rate));
        Assert.Equal(Bursts.Length - 44, parts[^1].GetProperty("endSample").GetInt64() * 2);
    }

    [FfmpegFact]
    public async Task The_second_part_starts_the_overlap_before_the_first_ends_to_the_sample()
    {
        var job = await CompletedAsync(new Dictionary<string, string>
        {
            ["splitMode"] = "duration", ["segmentDuration"] = "5", ["overlap"] = "1.5",
        });

        var parts = job.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(0, parts[0].GetProperty("startSample").GetInt64());
        Assert.Equal(5 * Rate, parts[0].GetProperty("endSample").GetInt64());
        Assert.Equal((5 - 1.5) * Rate, parts[1].GetProperty("startSample").GetInt64());
        Assert.Equal("nominal", parts[0].GetProperty("cutReason").GetString());
    }

    [FfmpegFact]
    public async Task The_name_template_names_the_downloaded_parts()
    {
        var job = await CompletedAsync(new Dictionary<string, string>
        {
            ["splitMode"] = "parts", ["parts"] = "2", ["nameTemplate"] = "{name} take {n} of {N}",
        });

        var download = await app.AnonymousClient().GetAsync(job.GetProperty("segments")[1].GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("take 2 of 2", download.Content.Headers.ContentDisposition?.FileName ?? download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [FfmpegFact]
    public async Task A_retried_job_keeps_its_smart_cut_settings()
    {
        var calls = 0;
        await using var source = await LoopbackServer.StartAsync(async (context, _) =>
        {
            // The first download fails the job; the retry's download finds the file.
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "audio/wav";
            await context.Response.Body.WriteAsync(Bursts);
        });
        var user = await app.NewAccountAsync();
        var created = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = source.BaseUrl + "/talk.wav", segmentDuration = 5, overlap = 1.5 });
        var failed = await user.WaitForJobAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.Equal("failed", failed.GetProperty("status").GetString());

        var retried = await user.Client.PostAsync($"/api/v1/splits/{failed.GetProperty("id").GetString()}/retry", null);
        var job = await user.WaitForJobAsync((await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal((5 - 1.5) * Rate, job.GetProperty("segments")[1].GetProperty("startSample").GetInt64());
    }

    [Fact]
    public async Task Out_of_range_smart_cut_fields_are_listed_as_field_errors()
    {
        var user = await app.NewAccountAsync();
        var response = await user.Client.PostAsJsonAsync("/api/v1/splits", new
        {
            sourceUrl = "https://example.com/a.mp3", segmentDuration = 5, cutAt = "sometimes", overlap = 31, fadeMs = 600,
            silence = new { minSilenceMs = 5 }, nameTemplate = "same-name", maxSegmentDuration = 0.5,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("INVALID_PARAMS", error.GetProperty("code").GetString());
        var fields = error.GetProperty("details").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString());
        Assert.Equal(["cutAt", "silence.minSilenceMs", "maxSegmentDuration", "overlap", "fadeMs", "nameTemplate"], fields);
    }

    [FfmpegFact]
    public async Task A_fade_on_a_lossless_wav_copy_is_a_fadeMs_field_error()
    {
        var user = await app.NewAccountAsync();
        var response = await user.UploadAsync(Bursts, "talk.wav", new Dictionary<string, string>
        {
            ["splitMode"] = "duration", ["segmentDuration"] = "5", ["fadeMs"] = "100",
        });

        await AssertFieldErrorAsync(response, "fadeMs");
    }

    [FfmpegFact]
    public async Task A_chapters_split_the_engine_cannot_plan_is_a_splitMode_field_error_not_a_server_error()
    {
        var user = await app.NewAccountAsync();
        var response = await user.UploadAsync(Bursts, "talk.wav", new Dictionary<string, string> { ["splitMode"] = "chapters" });

        await AssertFieldErrorAsync(response, "splitMode");
    }

    [FfmpegFact]
    public async Task A_cue_sheet_cuts_the_upload_at_its_tracks_with_their_titles()
    {
        const string cue = "TITLE \"Talk\"\r\nTRACK 01 AUDIO\r\n  TITLE \"Intro\"\r\n  INDEX 01 00:00:00\r\n"
            + "TRACK 02 AUDIO\r\n  TITLE \"Middle\"\r\n  INDEX 01 00:03:30\r\nTRACK 03 AUDIO\r\n  TITLE \"End\"\r\n  INDEX 01 00:10:15\r\n";

        var job = await CompletedAsync(new Dictionary<string, string> { ["splitMode"] = "chapters", ["cueSheet"] = cue });

        var parts = job.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(["Intro", "Middle", "End"], parts.Select(p => p.GetProperty("title").GetString()));
        Assert.Equal([0L, (long)(3.4 * Rate), (long)(10.2 * Rate)], parts.Select(p => p.GetProperty("startSample").GetInt64()));
        Assert.Equal("chapter", parts[0].GetProperty("cutReason").GetString());
    }

    [FfmpegFact]
    public async Task A_malformed_cue_sheet_is_a_cueSheet_field_error_naming_its_line()
    {
        var user = await app.NewAccountAsync();
        var response = await user.UploadAsync(Bursts, "talk.wav", new Dictionary<string, string> { ["splitMode"] = "chapters", ["cueSheet"] = "TRACK x" });

        await AssertFieldErrorAsync(response, "cueSheet");
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("INVALID_PARAMS", error.GetProperty("code").GetString());
        Assert.Equal(field, error.GetProperty("details").GetProperty("fields")[0].GetProperty("field").GetString());
    }

    private async Task<JsonElement> CompletedAsync(Dictionary<string, string> fields)
    {
        var user = await app.NewAccountAsync();
        var response = await user.UploadAsync(Bursts, "talk.wav", fields);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = await user.WaitForJobAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        return job;
    }
}
