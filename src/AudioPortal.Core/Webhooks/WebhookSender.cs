using System.Net.Http.Headers;
using System.Text;
using AudioPortal.Core.Sources;

namespace AudioPortal.Core.Webhooks;

/// <summary>What one attempt got: the receiver's status and the start of its body, or why there was no full answer.</summary>
public sealed record WebhookAttemptOutcome(int? Status, string? Body, string? Error)
{
    /// <summary>A 2xx whose answer (status, headers, the first 1 KB of body or its end) arrived within the deadline.</summary>
    public bool Succeeded => Error is null && Status is >= 200 and < 300;
}

/// <summary>
/// POSTs one delivery under a single deadline (<see cref="WebhooksOptions.EffectiveAttemptTimeout"/>) that covers
/// connecting, the headers and the body: a receiver that stalls or trickles its answer is cut when it expires. Only the
/// first 1 KB of the body is read; the rest is dropped with the connection. Redirects are not followed (a 3xx is a
/// failed attempt), and every connection passes the <see cref="AddressGuard"/>.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const int MaxStoredBody = 1024;
    private const int MaxError = 1000;
    private readonly HttpClient _client;
    private readonly TimeSpan _deadline;

    public WebhookSender(AddressGuard guard, WebhooksOptions options)
    {
        _deadline = options.EffectiveAttemptTimeout;
        _client = new HttpClient(guard.CreateHandler(options.AllowPrivateNetworks, _deadline)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public async Task<WebhookAttemptOutcome> SendAsync(WebhookDelivery delivery, string secret, CancellationToken stopping)
    {
        var bytes = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", WebhookSignature.UserAgent);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, bytes));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id);

        // Real time on purpose: the receiver's socket does not follow the injected clock, and tests fake that clock.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(_deadline);
        int? status = null;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            status = (int)response.StatusCode;
            var body = await ReadStartAsync(response, deadline.Token);
            return new WebhookAttemptOutcome(status, body, null);
        }
        catch (Exception e) when (AddressGuard.FindBlocked(e) is { } blocked)
        {
            return new WebhookAttemptOutcome(null, null, Truncate(blocked.Message, MaxError));
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !stopping.IsCancellationRequested
                                  && e is OperationCanceledException or HttpRequestException or IOException)
        {
            var what = status is null ? "No answer" : $"The answer ({status}) did not finish";
            return new WebhookAttemptOutcome(status, null, $"{what} within {_deadline.TotalSeconds:0.###} s.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            var what = status is null ? "" : $"The answer ({status}) broke off: ";
            return new WebhookAttemptOutcome(status, null, Truncate(what + e.Message, MaxError));
        }
    }

    /// <summary>The first <see cref="MaxStoredBody"/> bytes, or fewer when the body ends first; never more is read.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxStoredBody];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    public void Dispose() => _client.Dispose();
}
