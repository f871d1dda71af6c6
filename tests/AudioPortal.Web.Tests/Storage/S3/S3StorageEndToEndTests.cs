using System.Net;
using System.Net.Http.Headers;
using Amazon.S3.Model;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Storage.S3;

/// <summary>The whole app with <c>Storage:Provider=S3</c> on a real S3-compatible server: upload, split, download.</summary>
public sealed class S3StorageEndToEndTests
{
    [S3FfmpegFact]
    public async Task An_uploaded_wav_is_split_into_the_bucket_and_a_part_downloads_whole_and_by_range_while_the_data_folder_holds_no_blob()
    {
        await using var s3 = await S3rver.StartAsync();
        await using var app = new SplitsAppFactory();
        s3.Configure(app);

        var (user, job) = await SplitJobLifecycleTests.CompleteAsync(app);
        var segment = job.GetProperty("segments")[1];
        var url = segment.GetProperty("downloadUrl").GetString()!;
        var client = app.AnonymousClient();
        var whole = await client.GetByteArrayAsync(url);

        using var s3Client = s3.Client();
        var listed = await s3Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rver.Bucket, Prefix = user.Id + "/" });
        var keys = listed.S3Objects.Select(o => o.Key).ToList();
        Assert.Contains(keys, k => k.EndsWith("/source", StringComparison.Ordinal));
        var parts = keys.Where(k => k.Contains("/parts/", StringComparison.Ordinal) && k.EndsWith(".wav", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, parts.Count);
        var matching = 0;
        foreach (var key in parts)
        {
            using var stored = await s3Client.GetObjectAsync(S3rver.Bucket, key);
            using var bytes = new MemoryStream();
            await stored.ResponseStream.CopyToAsync(bytes);
            matching += bytes.ToArray().AsSpan().SequenceEqual(whole) ? 1 : 0;
        }

        Assert.Equal(1, matching); // the download is one stored part, byte for byte
        Assert.Equal(segment.GetProperty("size").GetInt64(), whole.Length);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(1000, 2999);
        var partial = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 1000-2999/{whole.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(whole[1000..3000], await partial.Content.ReadAsByteArrayAsync());

        var localBlobs = Directory.Exists(Path.Combine(app.DataPath, "blobs")) ? Directory.GetFiles(Path.Combine(app.DataPath, "blobs"), "*", SearchOption.AllDirectories) : [];
        Assert.Empty(localBlobs);
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataPath, "tmp")));
    }
}
