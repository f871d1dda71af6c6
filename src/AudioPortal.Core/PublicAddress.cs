namespace AudioPortal.Core;

/// <summary>
/// The base of absolute links written where no request is at hand (webhook bodies, export notices):
/// <c>PublicBaseUrl</c> when it is set; otherwise the address the first API request reached this server at, so a
/// receiver still gets links it can follow. The host logs once that <c>PublicBaseUrl</c> should be set.
/// </summary>
public sealed class PublicAddress(string? configured)
{
    private readonly string? _configured = string.IsNullOrWhiteSpace(configured) ? null : configured.TrimEnd('/');
    private string? _observed;

    /// <summary>The base (<c>https://audio.example.com</c>, no trailing slash), or null before any API request when none is set.</summary>
    public string? BaseUrl => _configured ?? Volatile.Read(ref _observed);

    public bool IsConfigured => _configured is not null;

    /// <summary>Remembers <paramref name="requestBaseUrl"/> if nothing is configured or seen yet; true only that first time.</summary>
    public bool Observe(string requestBaseUrl) =>
        _configured is null && Interlocked.CompareExchange(ref _observed, requestBaseUrl.TrimEnd('/'), null) is null;
}
