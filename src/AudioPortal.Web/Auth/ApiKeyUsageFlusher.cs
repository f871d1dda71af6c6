using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Data;
using AudioPortal.Web.Hosting;

namespace AudioPortal.Web.Auth;

/// <summary>Writes the in-memory key usage counts every few seconds and once more at shutdown.</summary>
internal sealed class ApiKeyUsageFlusher(ApiKeyUsage usage, IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ApiKeyUsageFlusher> logger, IHostApplicationLifetime lifetime)
    : AfterStartService(lifetime)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("ApiKeys:UsageFlushSeconds", 5)));
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await usage.FlushAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not write API key usage; it is kept for the next attempt");
        }
    }
}
