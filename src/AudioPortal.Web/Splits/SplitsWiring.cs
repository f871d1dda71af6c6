using AudioPortal.Core.Sources;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.Encryption;
using AudioPortal.Core.Storage.S3;
using AudioPortal.Core.Webhooks;
using AudioPortal.Web.Data;
using AudioPortal.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Splits;

/// <summary>Split jobs: service, worker, storage, signed downloads, source downloads and webhooks.</summary>
public static class SplitsWiring
{
    public static WebApplicationBuilder AddSplits(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        services.AddSectionOptions<SplitsOptions>("Splits").PostConfigure<DataFolder>((options, data) =>
        {
            options.PublicBaseUrl = PublicBaseUrl.Read(config, "Splits");
            if (string.IsNullOrEmpty(config["Splits:WorkDirectory"]))
            {
                options.WorkDirectory = data.Sub("work");
            }
        });
        services.AddSectionOptions<SourcesOptions>("Sources");
        services.AddSectionOptions<WebhooksOptions>("Webhooks");

        // Seams: tests replace the resolver and the connector so no real DNS or outside address is ever touched.
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton(sp => new AddressGuard(sp.GetRequiredService<IHostResolver>(), sp.GetService<Connector>()));
        services.TryAddSingleton<IBlobStore>(sp =>
        {
            var data = sp.GetRequiredService<DataFolder>();
            var scratch = OwnerOnlyFiles.CreateFolder(Path.Combine(data.Root, "tmp"));
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.Provider == StorageProvider.S3
                ? new S3BlobStore(storage.S3.CreateClient(), storage.S3.Bucket!, scratch)
                : new LocalBlobStore(data.Sub("blobs"), sp.GetRequiredService<BlobCipher>(), scratch);
        });
        services.AddSingleton(sp => StorageEncryption.Cipher(sp.GetRequiredService<DataFolder>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => new SignedUrls(
            SignedUrls.LoadOrCreateSecret(Path.Combine(sp.GetRequiredService<DataFolder>().Sub("keys"), "download-signing.key")),
            sp.GetRequiredService<TimeProvider>()));

        // Registered before AddSplitServices, whose fallback is an id that does not survive a restart.
        services.AddSingleton(sp => new NodeSlot(sp.GetRequiredService<DataFolder>().Sub("node")));
        services.AddSingleton(sp => sp.GetRequiredService<NodeSlot>().Identity);
        services.AddSectionOptions<StorageOptions>("Storage");
        services.AddSingleton(sp => new StorageRoot(sp.GetRequiredService<DataFolder>().Root));
        services.AddSplitServices();
        services.AddScoped<ArchiveWriter>();
        services.AddScoped<SplitUploadReader>();
        services.AddHostedService<SplitsBackgroundService>();
        services.AddSingleton<JobEventsPoller>();
        services.AddHostedService<JobEventsPollingService>();
        return builder;
    }
}
