using AudioPortal.Core.Billing;
using AudioPortal.Core.Mail;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Splits.Presets;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Telemetry;
using AudioPortal.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AudioPortal.Core.Splits;

/// <summary>
/// The split feature's services — the job pipeline (queue, worker, processor, completion, sweeper), its views and
/// events, source downloads, the webhook outbox and dispatcher, and the services behind the controllers and pages —
/// registered in one place for the web host and the Core tests alike. The host provides what differs between
/// them: options, blob storage and its <see cref="StorageRoot"/>, URL signing, the address guard, the audio engine,
/// the database, the clock and the usage meter (billing's, or a test's no-op).
/// </summary>
public static class SplitServices
{
    public static IServiceCollection AddSplitServices(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<AudioPortalMetrics>();
        services.AddSingleton<SplitJobViews>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<IJobEvents, JobEvents>();
        services.AddSingleton<SourceDownloader>();
        services.AddCustomerMail();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookDispatcher>();
        services.TryAddSingleton(_ => WorkerIdentity.Ephemeral());
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobCompletion>();
        services.TryAddSingleton(sp => new PublicAddress(sp.GetRequiredService<SplitsOptions>().PublicBaseUrl));
        services.AddSingleton<JobRecovery>();
        services.AddSingleton<JobProcessor>();
        services.AddSingleton<JobWorker>();
        services.AddSingleton<RetentionSweeper>();
        services.TryAddSingleton<IFreeSpace, DriveFreeSpace>();
        services.TryAddSingleton<IStorageUsage, BlobStorageUsage>();
        services.AddSingleton<IFailedJobCount, FailedJobCount>();
        services.AddSingleton<StorageGuard>();
        services.AddSingleton<StorageSweeper>();
        services.AddSingleton<SplitRequestChecks>();
        services.AddSingleton<PresetCatalog>();
        services.AddSingleton<SourcePeaks>();
        services.AddSingleton<SplitPreview>();
        services.AddScoped<CurrentPlan>();
        services.AddScoped<UploadStaging>();
        services.AddScoped<SplitIdempotency>();
        services.AddScoped<SplitCreation>();
        services.AddScoped<SplitManagement>();
        services.AddScoped<SplitRetry>();
        services.AddScoped<PartsPreview>();
        services.AddScoped<SplitDownloads>();
        services.AddScoped<WebhookSettingsService>();
        return services;
    }
}
