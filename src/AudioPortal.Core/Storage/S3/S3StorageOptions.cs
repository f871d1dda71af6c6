using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace AudioPortal.Core.Storage.S3;

/// <summary>Where blobs are kept.</summary>
public enum StorageProvider
{
    /// <summary>Files under the data folder's <c>blobs/</c> (the default).</summary>
    Local,

    /// <summary>An S3 bucket (AWS, MinIO or another S3-compatible store).</summary>
    S3,
}

/// <summary>
/// The <c>Storage:S3</c> section: the bucket and how to reach it. Credentials come from <see cref="AccessKey"/> and
/// <see cref="SecretKey"/> when set, else from the standard AWS chain (environment, profile, instance role).
/// </summary>
public sealed class S3StorageOptions
{
    /// <summary>The bucket that holds every blob; required when <c>Storage:Provider</c> is <c>S3</c>.</summary>
    public string? Bucket { get; set; }

    /// <summary>The bucket's region (also the signing region of an S3-compatible <see cref="ServiceUrl"/>).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>An S3-compatible endpoint (MinIO: <c>http://minio:9000</c>) instead of AWS's.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Addresses the bucket as a path (<c>host/bucket/key</c>) rather than a host name; most S3-compatible stores need it.</summary>
    public bool ForcePathStyle { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>What is wrong with these settings for the S3 provider, or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            yield return "Storage:S3:Bucket is required when Storage:Provider is S3.";
        }

        if (string.IsNullOrWhiteSpace(AccessKey) != string.IsNullOrWhiteSpace(SecretKey))
        {
            yield return "Set both Storage:S3:AccessKey and Storage:S3:SecretKey, or neither (the AWS credential chain).";
        }

        if (!string.IsNullOrWhiteSpace(ServiceUrl) && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
        {
            yield return $"Storage:S3:ServiceUrl '{ServiceUrl}' is not an absolute URL.";
        }
    }

    /// <summary>
    /// A client for these settings. Checksums are calculated and validated only where S3 requires them, so MinIO and
    /// other S3-compatible stores that do not know the newer checksum headers work.
    /// </summary>
    public AmazonS3Client CreateClient()
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }
        else
        {
            config.ServiceURL = ServiceUrl;
            config.AuthenticationRegion = Region;
        }

        return string.IsNullOrWhiteSpace(AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), config);
    }
}
