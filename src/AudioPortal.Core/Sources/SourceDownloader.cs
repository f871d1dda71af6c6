using System.Net;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Telemetry;

namespace AudioPortal.Core.Sources;

/// <summary>What a download stored: its size, the file name the server suggested, and the content type.</summary>
public sealed record DownloadedSource(long Size, string? FileName, string? ContentType);

/// <summary>
/// Fetches a job's source URL into the blob store as it streams in. Every connection passes the
/// <see cref="AddressGuard"/>; redirects are followed by hand (at most <see cref="SourcesOptions.MaxRedirects"/>),
/// each to an http(s) URL that is checked again. Failures say why: the HTTP status, a timeout, a body that is not audio.
/// Every download is bounded in time — <see cref="SourcesOptions.TotalTimeout"/> overall and a minimum throughput for the
/// body — so no source, however slow, can hold a worker for long.
/// </summary>
public sealed class SourceDownloader : IDisposable
{
    private static readonly string[] NotAudioTypes = ["text/", "application/json", "application/xml", "application/xhtml", "image/", "video/x-flv"];
    private readonly HttpClient _client;
    private readonly SourcesOptions _options;
    private readonly IBlobStore _store;
    private readonly TimeProvider _clock;
    private readonly AudioPortalMetrics _metrics;

    public SourceDownloader(AddressGuard guard, SourcesOptions options, IBlobStore store, AudioPortalMetrics metrics, TimeProvider? clock = null)
    {
        _options = options;
        _store = store;
        _metrics = metrics;
        _clock = clock ?? TimeProvider.System;
        _client = new HttpClient(guard.CreateHandler(options.AllowPrivateNetworks, options.ConnectTimeout)) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("AudioPortal/1.0");
    }

    public async Task<Result<DownloadedSource>> DownloadAsync(string url, string blobKey, long maxBytes, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.TotalTimeout, _clock);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await FetchAsync(url, blobKey, maxBytes, bounded.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await _store.DeleteAsync(blobKey);
            return Failed($"The download did not finish within {Describe(_options.TotalTimeout)}.");
        }
    }

    private async Task<Result<DownloadedSource>> FetchAsync(string url, string blobKey, long maxBytes, CancellationToken cancellationToken)
    {
        var parsed = AddressGuard.ParseUrl(url);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var uri = parsed.Value;
        for (var redirects = 0; ; redirects++)
        {
            using var idle = new CancellationTokenSource(_options.IdleTimeout, _clock);
            using var headerTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseHeadersRead, headerTimeout.Token);
            }
            catch (HttpRequestException e) when (AddressGuard.FindBlocked(e) is { } blocked)
            {
                return ErrorCatalog.InvalidUrl.WithMessage(blocked.Message);
            }
            catch (HttpRequestException e)
            {
                return Failed($"Could not connect to {uri.Host}: {e.Message}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed($"{uri.Host} did not answer within {Describe(_options.IdleTimeout)}.");
            }

            using (response)
            {
                if (IsRedirect(response.StatusCode))
                {
                    if (redirects >= _options.MaxRedirects)
                    {
                        return Failed($"More than {_options.MaxRedirects} redirects.");
                    }

                    if (response.Headers.Location is not { } location)
                    {
                        return Failed($"The server answered {(int)response.StatusCode} without a Location.");
                    }

                    var next = AddressGuard.ParseUrl(new Uri(uri, location).ToString());
                    if (!next.IsSuccess)
                    {
                        return ErrorCatalog.InvalidUrl.WithMessage("A redirect led to a URL that is not allowed: " + next.Error.Message);
                    }

                    uri = next.Value;
                    continue;
                }

                return await StoreBodyAsync(response, uri, blobKey, maxBytes, cancellationToken);
            }
        }
    }

    private async Task<Result<DownloadedSource>> StoreBodyAsync(HttpResponseMessage response, Uri uri, string blobKey, long maxBytes, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return Failed($"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (contentType is not null && NotAudioTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
        {
            return Failed($"The URL returned {contentType}, not audio.");
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return LocalBlobStore.FileTooLarge(maxBytes);
        }

        try
        {
            await using var body = new PacedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken),
                _options.IdleTimeout, _options.MinBytesPerSecond, _options.ThroughputWindow, _clock);
            var written = await _store.WriteAsync(blobKey, body, maxBytes, cancellationToken);
            if (!written.IsSuccess)
            {
                return written.Error;
            }

            if (written.Value.Size == 0)
            {
                await _store.DeleteAsync(blobKey);
                return Failed("The URL returned an empty body.");
            }

            _metrics.Received(written.Value.Size, "url");
            var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
            return new DownloadedSource(written.Value.Size, FileNameFrom(name, uri), contentType);
        }
        catch (TimeoutException e)
        {
            return Failed("The download stalled: " + e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested && !TransientFailures.IsDiskFull(e))
        {
            return Failed("The download broke off: " + e.Message);
        }
    }

    private static string? FileNameFrom(string? suggested, Uri uri)
    {
        var name = suggested?.Trim('"');
        if (string.IsNullOrWhiteSpace(name))
        {
            name = Uri.UnescapeDataString(uri.Segments.LastOrDefault() ?? "").Trim('/');
        }

        name = Path.GetFileName(name);
        return string.IsNullOrWhiteSpace(name) ? null : name.Length > 255 ? name[..255] : name;
    }

    private static bool IsRedirect(HttpStatusCode code) => code is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static string Describe(TimeSpan span) => span.TotalSeconds < 120 ? $"{span.TotalSeconds:0.#} s" : $"{span.TotalMinutes:0.#} min";

    private static AppError Failed(string message) => ErrorCatalog.DownloadFailed.WithMessage(message);

    public void Dispose() => _client.Dispose();
}
