using AudioPortal.Core.Sources;
using AudioPortal.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Splits;

/// <summary>
/// The split feature's services — the job pipeline (queue, worker, processor, completion, sweeper), its views and
/// events, source downloads, the webhook outbox and dispatcher, and the services behind the controllers and pages —
/// registered in one place for the web host and the Core tests alike. The host provides what differs between
/// them: options, blob storage, URL signing, the address guard, the audio engine, the database and the clock.
/// </summary>
public static class SplitServices
{
    public static IServiceCollection AddSplitServices(this IServiceCollection services)
    {
        services.AddSingleton<SplitJobViews>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<IJobEvents, JobEvents>();
        services.AddSingleton<SourceDownloader>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobCompletion>();
        services.AddSingleton<JobRecovery>();
        services.AddSingleton<JobProcessor>();
        services.AddSingleton<JobWorker>();
        services.AddSingleton<RetentionSweeper>();
        services.AddScoped<SplitService>();
        services.AddScoped<SplitDownloads>();
        services.AddScoped<WebhookSettingsService>();
        return services;
    }
}
