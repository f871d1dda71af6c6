using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AudioPortal.Web.Tests.Splits.SplitJobLifecycleTests;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>A completed job stores <c>manifest.json</c> and <c>manifest.cue</c> beside its parts and links both, signed.</summary>
public sealed class SplitManifestTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    [FfmpegFact]
    public async Task The_manifest_lists_every_part_with_its_samples_reason_bytes_and_the_sha256_of_the_downloaded_part()
    {
        var (_, job) = await CompletedJobAsync();
        var client = app.AnonymousClient();
        var response = await client.GetAsync(job.GetProperty("manifestUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        var manifest = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement;
        var segments = job.GetProperty("segments").EnumerateArray().ToList();
        var parts = manifest.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(3, parts.Count);
        Assert.Equal("tone.wav", manifest.GetProperty("source").GetString());
        Assert.Equal(0, parts[0].GetProperty("startSample").GetInt64());
        Assert.Equal(manifest.GetProperty("totalSamples").GetInt64(), parts[^1].GetProperty("endSample").GetInt64());
        for (var i = 0; i < parts.Count; i++)
        {
            var segment = segments[i];
            var download = await client.GetAsync(segment.GetProperty("downloadUrl").GetString());
            var bytes = await download.Content.ReadAsByteArrayAsync();
            Assert.Equal(download.Content.Headers.ContentDisposition?.FileName?.Trim('"'), parts[i].GetProperty("file").GetString());
            Assert.Equal(bytes.Length, parts[i].GetProperty("bytes").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), parts[i].GetProperty("sha256").GetString());
            foreach (var field in new[] { "startSample", "endSample", "sampleRate" })
            {
                Assert.Equal(segment.GetProperty(field).GetInt64(), parts[i].GetProperty(field).GetInt64());
            }

            Assert.Equal(segment.GetProperty("cutReason").GetString(), parts[i].GetProperty("cutReason").GetString());
            Assert.Equal("nominal", parts[i].GetProperty("cutReason").GetString());
        }

        // Every 2 s of a 5 s tone: the samples are exact, not rounded seconds.
        var rate = parts[0].GetProperty("sampleRate").GetInt64();
        Assert.Equal([0, 2 * rate, 4 * rate], parts.Select(p => p.GetProperty("startSample").GetInt64()));
    }

    [FfmpegFact]
    public async Task The_cue_sheet_has_one_track_per_part_indexed_at_each_parts_start()
    {
        var (_, job) = await CompletedJobAsync();
        var client = app.AnonymousClient();
        var response = await client.GetAsync(job.GetProperty("cueUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-cue", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);

        var cue = await response.Content.ReadAsStringAsync();
        Assert.Contains("FILE \"tone.wav\" WAVE", cue);
        var tracks = Regex.Matches(cue, @"TRACK (\d\d) AUDIO\s+TITLE ""[^""]*""\s+REM SAMPLE (\d+)\s+INDEX 01 (\d\d:\d\d:\d\d)");
        var segments = job.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(segments.Count, tracks.Count);
        Assert.Equal(segments.Count, Regex.Count(cue, "TRACK "));
        for (var i = 0; i < segments.Count; i++)
        {
            var start = segments[i].GetProperty("startSample").GetInt64();
            var frames = start * 75 / segments[i].GetProperty("sampleRate").GetInt64();
            Assert.Equal((i + 1).ToString("00", CultureInfo.InvariantCulture), tracks[i].Groups[1].Value);
            Assert.Equal(start, long.Parse(tracks[i].Groups[2].Value, CultureInfo.InvariantCulture));
            Assert.Equal($"{frames / 75 / 60:00}:{frames / 75 % 60:00}:{frames % 75:00}", tracks[i].Groups[3].Value);
        }
    }

    [FfmpegFact]
    public async Task A_tampered_or_expired_manifest_link_is_refused_like_a_segment_link_and_never_opens_another_job()
    {
        var (_, job) = await CompletedJobAsync();
        var (_, other) = await CompletedJobAsync(); // another account's job
        var client = app.AnonymousClient();
        var url = job.GetProperty("manifestUrl").GetString()!;
        var segmentUrl = job.GetProperty("segments")[0].GetProperty("downloadUrl").GetString()!;

        var tamperedSegment = await AssertErrorAsync(await client.GetAsync(Tamper(segmentUrl)), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var tampered = await AssertErrorAsync(await client.GetAsync(Tamper(url)), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(tamperedSegment.GetProperty("message").GetString(), tampered.GetProperty("message").GetString());
        await AssertErrorAsync(await client.GetAsync(url.Replace("manifest.json", "manifest.cue")), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var otherId = other.GetProperty("id").GetString()!;
        await AssertErrorAsync(await client.GetAsync(url.Replace(job.GetProperty("id").GetString()!, otherId)), HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var signer = app.Services.GetRequiredService<SignedUrls>();
        var expired = signer.Sign(SplitJobViews.ManifestPath(job.GetProperty("id").GetString()!, StoredManifests.Cue), TimeSpan.FromSeconds(-10));
        await AssertErrorAsync(await client.GetAsync(expired.PathAndQuery), HttpStatusCode.Gone, "DOWNLOAD_EXPIRED");
    }

    [FfmpegFact]
    public async Task The_zip_holds_the_stored_manifest_and_cue_sheet_byte_for_byte()
    {
        var (_, job) = await CompletedJobAsync();
        var client = app.AnonymousClient();
        var json = await client.GetByteArrayAsync(job.GetProperty("manifestUrl").GetString());
        var cue = await client.GetByteArrayAsync(job.GetProperty("cueUrl").GetString());

        using var zip = new ZipArchive(new MemoryStream(await client.GetByteArrayAsync(job.GetProperty("archiveUrl").GetString())), ZipArchiveMode.Read);

        Assert.Equal(job.GetProperty("segmentCount").GetInt32() + 2, zip.Entries.Count);
        Assert.Equal(json, await ReadEntryAsync(zip, "manifest.json"));
        Assert.Equal(cue, await ReadEntryAsync(zip, "manifest.cue"));
    }

    [FfmpegFact]
    public async Task A_job_completed_before_manifests_were_stored_has_no_links_and_its_zip_keeps_the_old_list()
    {
        var (user, job) = await CompletedJobAsync();
        var id = job.GetProperty("id").GetString()!;
        var store = app.Services.GetRequiredService<IBlobStore>();
        var stored = store.ListAll().Where(f => f.Key.Contains($"/{id}/parts/", StringComparison.Ordinal) && Path.GetFileName(f.Key).StartsWith("manifest.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stored.Count);
        foreach (var file in stored)
        {
            await store.DeleteAsync(file.Key);
        }

        var old = await user.GetJobAsync(id);
        Assert.False(old.TryGetProperty("manifestUrl", out _)); // null members are omitted
        Assert.False(old.TryGetProperty("cueUrl", out _));
        var link = app.Services.GetRequiredService<SignedUrls>().Sign(SplitJobViews.ManifestPath(id, StoredManifests.Json));
        await AssertErrorAsync(await app.AnonymousClient().GetAsync(link.PathAndQuery), HttpStatusCode.NotFound, "NOT_FOUND");

        using var zip = new ZipArchive(new MemoryStream(await app.AnonymousClient().GetByteArrayAsync(old.GetProperty("archiveUrl").GetString())), ZipArchiveMode.Read);
        Assert.Null(zip.GetEntry("manifest.cue"));
        using var legacy = JsonDocument.Parse(await ReadEntryAsync(zip, "manifest.json"));
        Assert.Equal(3, legacy.RootElement.GetProperty("parts").GetArrayLength());
    }

    private static string Tamper(string url) => url.Replace("sig=", "sig=x");

    private static async Task<byte[]> ReadEntryAsync(ZipArchive zip, string name)
    {
        using var content = new MemoryStream();
        await using (var entry = zip.GetEntry(name)!.Open())
        {
            await entry.CopyToAsync(content);
        }

        return content.ToArray();
    }

    private Task<(TestAccount User, JsonElement Job)> CompletedJobAsync() => CompleteAsync(app);
}
