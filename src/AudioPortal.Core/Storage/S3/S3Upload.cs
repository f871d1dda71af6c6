using Amazon.S3;
using Amazon.S3.Model;

namespace AudioPortal.Core.Storage.S3;

/// <summary>
/// Uploads a local file: one PUT up to <see cref="PartSize"/>, else a multipart upload read part by part from the file
/// (aborted when a part fails). Payloads are signed whole rather than sent <c>aws-chunked</c>, which every
/// S3-compatible store understands.
/// </summary>
internal static class S3Upload
{
    /// <summary>16 MiB: the size of each part of a multipart upload and the largest file sent in one PUT.</summary>
    public const long PartSize = 16L * 1024 * 1024;

    public static async Task FileAsync(IAmazonS3 client, string bucket, string key, string localFile, CancellationToken cancellationToken)
    {
        var size = new FileInfo(localFile).Length;
        if (size <= PartSize)
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, FilePath = localFile, UseChunkEncoding = false }, cancellationToken);
            return;
        }

        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (var (number, position) = (1, 0L); position < size; number++, position += PartSize)
            {
                var part = await client.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = number,
                        FilePath = localFile, FilePosition = position, PartSize = Math.Min(PartSize, size - position), UseChunkEncoding = false,
                    },
                    cancellationToken);
                parts.Add(new PartETag(number, part.ETag));
            }

            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts }, cancellationToken);
        }
        catch
        {
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId }, CancellationToken.None);
            throw;
        }
    }
}
