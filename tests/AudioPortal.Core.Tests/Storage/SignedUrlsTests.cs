using AudioPortal.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace AudioPortal.Core.Tests.Storage;

public sealed class SignedUrlsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly byte[] _secret = new byte[32];

    private static (string Expires, string Sig) Query(SignedUrl url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(url.PathAndQuery.Split('?')[1]);
        return (query["expires"]!, query["sig"]!);
    }

    [Fact]
    public void A_link_is_valid_for_24_hours_and_then_expired()
    {
        var signer = new SignedUrls(_secret, _clock);
        var url = signer.Sign("/api/v1/splits/job_1/segments/0");
        var (expires, sig) = Query(url);
        Assert.Equal(_clock.GetUtcNow().AddHours(24), url.ExpiresAt);
        Assert.True(signer.Verify("GET", "/api/v1/splits/job_1/segments/0", expires, sig).IsSuccess);
        Assert.True(signer.Verify("HEAD", "/api/v1/splits/job_1/segments/0", expires, sig).IsSuccess);

        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.Equal("DOWNLOAD_EXPIRED", signer.Verify("GET", "/api/v1/splits/job_1/segments/0", expires, sig).Error?.Code);
    }

    [Fact]
    public void Changing_the_path_the_expiry_the_method_or_the_secret_breaks_the_signature()
    {
        var signer = new SignedUrls(_secret, _clock);
        var (expires, sig) = Query(signer.Sign("/api/v1/splits/job_1/segments/0"));

        Assert.Equal("UNAUTHORIZED", signer.Verify("GET", "/api/v1/splits/job_2/segments/0", expires, sig).Error?.Code);
        Assert.Equal("UNAUTHORIZED", signer.Verify("GET", "/api/v1/splits/job_1/segments/0", (long.Parse(expires) + 1).ToString(), sig).Error?.Code);
        Assert.Equal("UNAUTHORIZED", signer.Verify("DELETE", "/api/v1/splits/job_1/segments/0", expires, sig).Error?.Code);
        Assert.Equal("UNAUTHORIZED", signer.Verify("GET", "/api/v1/splits/job_1/segments/0", expires, null).Error?.Code);
        var other = new SignedUrls(Enumerable.Repeat((byte)1, 32).ToArray(), _clock);
        Assert.Equal("UNAUTHORIZED", other.Verify("GET", "/api/v1/splits/job_1/segments/0", expires, sig).Error?.Code);
    }

    [Fact]
    public void The_secret_is_created_once_readable_by_its_owner_only_and_kept_in_its_file()
    {
        var file = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"), "keys", "signing.key");
        var first = SignedUrls.LoadOrCreateSecret(file);
        Assert.Equal(32, first.Length);
        Assert.Equal(first, SignedUrls.LoadOrCreateSecret(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(file))!, recursive: true);
    }
}
