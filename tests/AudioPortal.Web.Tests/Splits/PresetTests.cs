using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Audio;
using AudioPortal.Audio.Probing;
using AudioPortal.TestSupport;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>The app with one configured preset beside the shipped ones: <c>tiny</c>, MP3 parts under 120 000 bytes less 10 %.</summary>
public sealed class PresetsAppFactory : SplitsAppFactory
{
    public const long TinyCap = 108_000;

    public PresetsAppFactory()
    {
        Settings["Splits:Presets:tiny:Description"] = "Parts for a service that takes 120 kB";
        Settings["Splits:Presets:tiny:Format"] = "mp3";
        Settings["Splits:Presets:tiny:MaxFileSize"] = "120000";
        Settings["Splits:Presets:tiny:SafetyMargin"] = "0.1";
    }
}

/// <summary>Presets: <c>GET /api/v1/presets</c>, and <c>preset</c> on create and preview (explicit fields win).</summary>
public sealed class PresetTests(PresetsAppFactory app) : IClassFixture<PresetsAppFactory>
{
    [Fact]
    public async Task The_list_holds_the_shipped_and_the_configured_presets_and_needs_a_credential()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/v1/presets")).StatusCode);

        var user = await app.NewAccountAsync(scopes: ["splits:read"]);
        var data = (await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/presets")).GetProperty("data").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!);

        var whisper = data["openai-whisper"];
        Assert.Equal(("mp3", 25_000_000L, 24_500_000L, 16000, 1), (whisper.GetProperty("format").GetString(), whisper.GetProperty("maxFileSize").GetInt64(),
            whisper.GetProperty("effectiveMaxFileSize").GetInt64(), whisper.GetProperty("sampleRate").GetInt32(), whisper.GetProperty("channels").GetInt32()));
        Assert.Equal(1395, data["openai-gpt-4o-transcribe"].GetProperty("maxSegmentDuration").GetDouble());
        Assert.Equal("silence", data["podcast-chapters"].GetProperty("cutAt").GetString());
        Assert.Equal(PresetsAppFactory.TinyCap, data["tiny"].GetProperty("effectiveMaxFileSize").GetInt64());
        Assert.Contains("assemblyai", data.Keys);
    }

    [Fact]
    public async Task A_preset_fills_the_fields_not_given_and_explicit_fields_win()
    {
        var user = await app.NewAccountAsync();
        var wav = TestWav.Sine(3);

        var filled = await JobOf(await user.UploadAsync(wav, "a.wav", new Dictionary<string, string> { ["preset"] = "openai-whisper" }));
        var explicitFields = await JobOf(await user.UploadAsync(wav, "a.wav", new Dictionary<string, string>
        {
            ["preset"] = "openai-whisper", ["splitMode"] = "duration", ["segmentDuration"] = "2", ["outputFormat"] = "wav", ["maxFileSize"] = "70000",
        }));

        Assert.Equal(("fileSize", 24_500_000L, "mp3"), (Text(filled, "splitMode"), filled.GetProperty("maxFileSize").GetInt64(), Text(filled, "outputFormat")));
        Assert.Equal(("duration", 2, 70_000L, "wav"), (Text(explicitFields, "splitMode"), explicitFields.GetProperty("segmentDuration").GetInt32(),
            explicitFields.GetProperty("maxFileSize").GetInt64(), Text(explicitFields, "outputFormat")));
    }

    [Fact]
    public async Task An_unknown_preset_is_a_field_error_on_preset_naming_the_presets()
    {
        var user = await app.NewAccountAsync();

        foreach (var response in new[]
        {
            await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "https://example.com/a.mp3", preset = "whisper" }),
            await user.Client.PostAsJsonAsync("/api/v1/splits/preview", new { sourceUrl = "https://example.com/a.mp3", preset = "whisper" }),
            await user.UploadAsync(TestWav.Sine(1), "a.wav", new Dictionary<string, string> { ["preset"] = "whisper" }),
        })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var field = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("details").GetProperty("fields")[0];
            Assert.Equal("preset", Text(field, "field"));
            Assert.StartsWith("Unknown preset 'whisper'. Use one of: openai-whisper, ", Text(field, "message"));
            Assert.Contains("tiny", Text(field, "message"));
        }
    }

    [Fact]
    public async Task A_preview_with_the_openai_preset_plans_every_part_under_its_cap()
    {
        // 1,000 s of 16 kHz mono: 32 MB as WAV (kept by the explicit outputFormat, so the sizes are exact), over the 24.5 MB cap.
        var user = await app.NewAccountAsync();
        var response = await user.UploadAsync(TestWav.Sine(1000, sampleRate: 16000), "long.wav",
            new Dictionary<string, string> { ["preset"] = "openai-whisper", ["outputFormat"] = "wav" }, path: "/api/v1/splits/preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.InRange((p.GetProperty("endSample").GetInt64() - p.GetProperty("startSample").GetInt64()) * 2 + 44, 1, 24_500_000));
        // WAV sizes are known before writing: the samples' bytes plus the header and tags.
        Assert.All(parts, p => Assert.InRange(
            p.GetProperty("estimatedSize").GetInt64() - (p.GetProperty("endSample").GetInt64() - p.GetProperty("startSample").GetInt64()) * 2, 44, 4096));
    }

    [FfmpegTheory]
    [InlineData(null, null)]
    [InlineData("duration", "10")]
    public async Task Every_stored_part_of_a_preset_split_is_under_the_presets_cap_after_encoding(string? mode, string? seconds)
    {
        // Noise is the worst case for a VBR encoder: the size model's estimate is short, so the writers must re-split.
        var user = await app.NewAccountAsync();
        var fields = new Dictionary<string, string> { ["preset"] = "tiny" };
        if (mode is not null)
        {
            fields["splitMode"] = mode;
            fields["segmentDuration"] = seconds!;
        }

        var job = await user.WaitForJobAsync(Text(await JobOf(await user.UploadAsync(Noise(20), "noise.wav", fields)), "id"));

        Assert.Equal("completed", Text(job, "status"));
        var sizes = job.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("size").GetInt64()).ToList();
        Assert.True(sizes.Count >= 5, $"{sizes.Count} parts");
        Assert.All(sizes, size => Assert.InRange(size, 1, PresetsAppFactory.TinyCap));
    }

    [FfmpegTheory]
    [InlineData(null, 1)]
    [InlineData("2", 2)]
    public async Task A_preset_split_writes_its_parts_at_the_presets_rate_and_bitrate_and_explicit_channels_win(string? channels, int expectedChannels)
    {
        // openai-whisper: mp3 at 16 kHz mono, 64 kb/s; the upload is 44.1 kHz stereo WAV.
        var user = await app.NewAccountAsync();
        var fields = new Dictionary<string, string> { ["preset"] = "openai-whisper" };
        if (channels is not null)
        {
            fields["channels"] = channels;
        }

        var job = await user.WaitForJobAsync(Text(await JobOf(await user.UploadAsync(TestWav.Sine(4, sampleRate: 44100, channels: 2), "a.wav", fields)), "id"));

        Assert.Equal("completed", Text(job, "status"));
        var part = await ProbePartAsync(user.Client, job.GetProperty("segments")[0].GetProperty("downloadUrl").GetString()!);
        Assert.Equal((AudioContainer.Mp3, 16000, expectedChannels, 64000), (part.Container, part.SampleRate, part.Channels, part.BitRate ?? 0));
        Assert.Equal(44100, job.GetProperty("segments")[0].GetProperty("sampleRate").GetInt32()); // offsets stay in the source's samples
    }

    [Fact]
    public async Task Encoding_settings_a_format_cannot_take_are_field_errors_and_a_lossless_format_drops_a_presets_bitrate()
    {
        var user = await app.NewAccountAsync();
        async Task<HttpResponseMessage> Create(Dictionary<string, string> fields) => await user.UploadAsync(TestWav.Sine(1), "a.wav", fields);

        var badRate = await Create(new() { ["preset"] = "openai-whisper", ["sampleRate"] = "12345" });
        var losslessBitRate = await Create(new() { ["outputFormat"] = "wav", ["parts"] = "2", ["bitRate"] = "64000" });
        var presetAsFlac = await Create(new() { ["preset"] = "openai-whisper", ["outputFormat"] = "flac" });

        Assert.Equal(("sampleRate", "bitRate"), (await FieldOf(badRate), await FieldOf(losslessBitRate)));
        Assert.Equal(HttpStatusCode.Created, presetAsFlac.StatusCode);
    }

    [Fact]
    public void A_host_with_an_unusable_preset_refuses_to_start_naming_it()
    {
        using var bad = new AppFactory();
        bad.Settings["Splits:Presets:mine:Format"] = "opus";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => bad.Services);
        Assert.Contains("Splits:Presets:mine: Format 'opus' is not one of mp3, wav, flac, ogg, aac.", error.Failures);
    }

    private static async Task<JsonElement> JobOf(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    private static async Task<string> FieldOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        return Text(error.GetProperty("details").GetProperty("fields")[0], "field");
    }

    private static async Task<AudioInfo> ProbePartAsync(HttpClient client, string url)
    {
        var path = Path.Combine(Path.GetTempPath(), $"part-{Guid.NewGuid():N}.mp3");
        try
        {
            await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync(url));
            var probe = await new AudioEngine(new AudioEngineOptions()).ProbeAsync(path);
            Assert.True(probe.IsSuccess, probe.Error?.ToString());
            return probe.Value;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>White noise, 44.1 kHz stereo 16-bit, the same bytes every run.</summary>
    private static byte[] Noise(double seconds)
    {
        var random = new Random(16);
        var frames = (int)(seconds * 44100);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        TestWav.WriteHeader(writer, frames * 4, 44100, 2);
        for (var i = 0; i < frames * 2; i++)
        {
            writer.Write((short)random.Next(-20000, 20000));
        }

        writer.Flush();
        return stream.ToArray();
    }
}
