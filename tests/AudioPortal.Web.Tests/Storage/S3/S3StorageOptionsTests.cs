using AudioPortal.Core.Storage;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Tests.Storage.S3;

public sealed class S3StorageOptionsTests
{
    [Theory]
    [InlineData(null, null, null, "Storage:S3:Bucket")]
    [InlineData("media", "AKIA", null, "Storage:S3:SecretKey")]
    [InlineData("media", null, "not a url", "Storage:S3:ServiceUrl")]
    public void A_host_with_the_S3_provider_and_unusable_settings_refuses_to_start_naming_the_key(string? bucket, string? accessKey, string? serviceUrl, string named)
    {
        using var app = new AppFactory();
        app.Settings["Storage:Provider"] = "S3";
        app.Settings["Storage:S3:Bucket"] = bucket;
        app.Settings["Storage:S3:AccessKey"] = accessKey;
        app.Settings["Storage:S3:ServiceUrl"] = serviceUrl;

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_provider_setting_blobs_stay_in_the_local_store_and_no_bucket_is_needed()
    {
        using var app = new AppFactory();

        Assert.IsType<LocalBlobStore>(app.Services.GetRequiredService<IBlobStore>());
    }
}
