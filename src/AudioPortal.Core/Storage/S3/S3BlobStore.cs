using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Storage.Encryption;

namespace AudioPortal.Core.Storage.S3;

/// <summary>
/// Blobs in one S3 bucket under their keys. Uploads stream into an owner-only scratch file first (the size cap and the
/// SHA-256 are checked while it streams, and nothing reaches the bucket unless it is complete), then go up (a multipart
/// upload for large files, <see cref="S3Upload"/>). Blobs are stored as they are: encryption at rest
/// is the bucket's server-side encryption (<c>Storage:EncryptAtRest</c> applies to the local store only). The sync
/// members of <see cref="IBlobStore"/> (<see cref="OpenRead"/>, <see cref="Exists"/>, <see cref="ListAll"/>) block
/// on the SDK.
/// </summary>
public sealed class S3BlobStore : IBlobStore
{
    private const int BufferSize = 81920;
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _scratchFolder;
    private readonly BlobScratch _scratch;

    /// <param name="scratch">Where uploads wait and copies for the engine go (the data folder's <c>tmp/</c>).</param>
    public S3BlobStore(IAmazonS3 client, string bucket, string scratch)
    {
        _client = client;
        _bucket = bucket;
        _scratch = new BlobScratch(scratch);
        _scratchFolder = scratch;
    }

    public async Task<Result<BlobWritten>> WriteAsync(string key, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(_scratchFolder, "blob-upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            await using (var file = new FileStream(temp, OwnerOnly.NewFile(BufferSize, FileOptions.Asynchronous)))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        return LocalBlobStore.FileTooLarge(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            await UploadAsync(key, temp, cancellationToken);
            return new BlobWritten(key, total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<long> ImportAsync(string key, string localFile, CancellationToken cancellationToken)
    {
        var size = new FileInfo(localFile).Length;
        await UploadAsync(key, localFile, cancellationToken);
        File.Delete(localFile);
        return size;
    }

    public async Task MoveAsync(string fromKey, string toKey)
    {
        await _client.CopyObjectAsync(new CopyObjectRequest { SourceBucket = _bucket, SourceKey = fromKey, DestinationBucket = _bucket, DestinationKey = toKey });
        await DeleteAsync(fromKey);
    }

    public Stream? OpenRead(string key) => SizeOf(key) is { } size ? new S3RangeStream(_client, _bucket, key, size) : null;

    public bool Exists(string key) => SizeOf(key) is not null;

    public async Task<LocalBlobFile> GetLocalFileAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, key, cancellationToken);
            return await _scratch.CopyAsync(response.ResponseStream, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"No blob '{key}'.", key, e); // as the local store
        }
    }

    public async Task DeleteAsync(string key) => await _client.DeleteObjectAsync(_bucket, key);

    public async Task DeletePrefixAsync(string prefix)
    {
        await foreach (var page in PagesAsync(prefix, CancellationToken.None))
        {
            var keys = page.Where(o => InPrefix(o.Key, prefix) || o.Key == prefix).Select(o => new KeyVersion { Key = o.Key }).ToList();
            if (keys.Count > 0)
            {
                await _client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = _bucket, Objects = keys, Quiet = true });
            }
        }
    }

    public async Task<long> SizeOfPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        long total = 0;
        await foreach (var page in PagesAsync(prefix, cancellationToken))
        {
            total += page.Where(o => InPrefix(o.Key, prefix)).Sum(o => o.Size ?? 0);
        }

        return total;
    }

    public IEnumerable<StoredFile> ListAll()
    {
        var pages = PagesAsync(null, CancellationToken.None).GetAsyncEnumerator();
        try
        {
            while (pages.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                foreach (var item in pages.Current)
                {
                    yield return new StoredFile(item.Key, item.Size ?? 0, new DateTimeOffset(item.LastModified?.ToUniversalTime() ?? DateTime.UnixEpoch, TimeSpan.Zero));
                }
            }
        }
        finally
        {
            pages.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The objects under <paramref name="prefix"/> (every object when null), one listing page (up to 1,000) at a time.</summary>
    private async IAsyncEnumerable<List<S3Object>> PagesAsync(string? prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, int pageSize = 1000)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, MaxKeys = pageSize };
        while (true)
        {
            var response = await _client.ListObjectsV2Async(request, cancellationToken);
            yield return response.S3Objects ?? [];
            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    /// <summary>A key inside the folder <paramref name="prefix"/> (<c>usr_1/job_2</c> holds <c>usr_1/job_2/source</c>, not <c>usr_1/job_20/…</c>).</summary>
    private static bool InPrefix(string key, string prefix) => key.StartsWith(prefix + "/", StringComparison.Ordinal);

    private Task UploadAsync(string key, string localFile, CancellationToken cancellationToken) =>
        S3Upload.FileAsync(_client, _bucket, key, localFile, cancellationToken);

    private long? SizeOf(string key)
    {
        try
        {
            return _client.GetObjectMetadataAsync(_bucket, key).GetAwaiter().GetResult().ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
