using System.Net.Http.Headers;
using System.Text;
using AudioPortal.Core.Data;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Splits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Webhooks;

/// <summary>
/// Sends due deliveries: POSTs the stored body with its signature, records the answer (status, first 1 KB), and
/// schedules the next attempt from <see cref="WebhooksOptions.EffectiveSchedule"/> under the same delivery id.
/// After <see cref="WebhooksOptions.DisableAfterFailedEvents"/> consecutive events fail every attempt, the account's
/// webhooks are switched off until re-enabled. Outbound connections pass the <see cref="AddressGuard"/>.
/// </summary>
public sealed class WebhookDispatcher : IDisposable
{
    private const int BatchSize = 20;
    private readonly IServiceScopeFactory _scopes;
    private readonly WebhooksOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly HttpClient _client;
    private readonly WakeSignal _wake = new();

    public WebhookDispatcher(IServiceScopeFactory scopes, AddressGuard guard, WebhooksOptions options, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    {
        (_scopes, _options, _clock, _logger) = (scopes, options, clock, logger);
        _client = new HttpClient(guard.CreateHandler(options.AllowPrivateNetworks, TimeSpan.FromSeconds(10))) { Timeout = options.Timeout };
    }

    /// <summary>Tells the dispatcher new deliveries are due (after a job's commit).</summary>
    public void Wake() => _wake.Notify();

    public Task RunAsync(CancellationToken stopping) =>
        _wake.RunRoundsAsync(SendDueAsync, _options.PollInterval, _logger, "Webhook dispatch", stopping);

    /// <summary>Claims and sends the deliveries that are due now; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = _clock.GetUtcNow();
        var due = await db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && db.Users.Any(a => a.Id == d.AccountId && a.WebhooksEnabled))
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(BatchSize).ToListAsync(cancellationToken);

        var attempts = new List<Task>();
        foreach (var id in due)
        {
            // The claim pushes the next attempt past the send timeout, so a crashed dispatcher's attempt is retried later.
            var token = Guid.NewGuid().ToString("N");
            var hold = now + _options.Timeout + TimeSpan.FromSeconds(30);
            var claimed = await db.Set<WebhookDelivery>().IgnoreQueryFilters()
                .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, hold).SetProperty(d => d.LeaseToken, token), cancellationToken);
            if (claimed == 1)
            {
                attempts.Add(AttemptAsync(id, token, cancellationToken));
            }
        }

        await Task.WhenAll(attempts);
        return attempts.Count;
    }

    private async Task AttemptAsync(string id, string token, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var delivery = await db.Set<WebhookDelivery>().IgnoreQueryFilters().FirstAsync(d => d.Id == id, cancellationToken);
        var secret = await db.Users.Where(a => a.Id == delivery.AccountId).Select(a => a.WebhookSecret).FirstAsync(cancellationToken);

        var (status, body, error) = await SendAsync(delivery, secret, cancellationToken);
        var now = _clock.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        delivery.ResponseStatus = status;
        delivery.ResponseBody = body;
        delivery.LastError = error;
        delivery.LeaseToken = null;
        var schedule = _options.EffectiveSchedule;
        if (status is >= 200 and < 300)
        {
            (delivery.Status, delivery.FinishedAt, delivery.NextAttemptAt) = (DeliveryStatus.Succeeded, now, null);
        }
        else if (delivery.Attempts > schedule.Count)
        {
            (delivery.Status, delivery.FinishedAt, delivery.NextAttemptAt) = (DeliveryStatus.Failed, now, null);
        }
        else
        {
            delivery.NextAttemptAt = now + schedule[delivery.Attempts - 1];
        }

        await db.SaveChangesAsync(cancellationToken);
        if (delivery.Status == DeliveryStatus.Failed)
        {
            await DisableIfFailingAsync(db, delivery.AccountId, cancellationToken);
        }
        else if (delivery.Status == DeliveryStatus.Pending)
        {
            _logger.LogInformation("Webhook {DeliveryId} attempt {Attempt} failed ({Status} {Error}); next at {Next}",
                delivery.Id, delivery.Attempts, status, error, delivery.NextAttemptAt);
        }
    }

    private async Task<(int? Status, string? Body, string? Error)> SendAsync(WebhookDelivery delivery, string secret, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", WebhookSignature.UserAgent);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, bytes));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return ((int)response.StatusCode, await ReadStartAsync(response, cancellationToken), null);
        }
        catch (HttpRequestException e) when (AddressGuard.FindBlocked(e) is { } blocked)
        {
            return (null, null, blocked.Message);
        }
        catch (HttpRequestException e)
        {
            return (null, null, Truncate(e.Message, 1000));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, $"No answer within {_options.Timeout.TotalSeconds:0} s.");
        }
    }

    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[1024];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
            }

            return Truncate(Encoding.UTF8.GetString(buffer, 0, total), 1024);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return null;
        }
    }

    /// <summary>Switches the account's webhooks off when its last N finished events all failed every attempt.</summary>
    private async Task DisableIfFailingAsync(AppDbContext db, string accountId, CancellationToken cancellationToken)
    {
        var n = _options.DisableAfterFailedEvents;
        var last = await db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.AccountId == accountId && d.FinishedAt != null)
            .OrderByDescending(d => d.FinishedAt).Select(d => d.Status).Take(n).ToListAsync(cancellationToken);
        if (last.Count == n && last.All(s => s == DeliveryStatus.Failed))
        {
            await db.Users.Where(a => a.Id == accountId).ExecuteUpdateAsync(set => set.SetProperty(a => a.WebhooksEnabled, false), cancellationToken);
            _logger.LogWarning("Webhooks of account {AccountId} disabled after {Count} consecutive failed events", accountId, n);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    public void Dispose() => _client.Dispose();
}
