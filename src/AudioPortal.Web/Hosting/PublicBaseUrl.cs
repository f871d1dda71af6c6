namespace AudioPortal.Web.Hosting;

/// <summary>
/// The installation's public address (<c>https://audio.example.com</c>), one top-level setting <c>PublicBaseUrl</c>
/// for every absolute link the server writes where no request is at hand: webhook bodies, export links, checkout
/// return pages. The per-feature keys it replaced (<c>Splits:PublicBaseUrl</c>, <c>Billing:PublicBaseUrl</c>) are
/// still read when it is empty, so older configuration keeps working.
/// </summary>
public static class PublicBaseUrl
{
    public const string Key = "PublicBaseUrl";

    public static string? Read(IConfiguration configuration, string formerSection) =>
        configuration[Key] is { Length: > 0 } url ? url
        : configuration[$"{formerSection}:{Key}"] is { Length: > 0 } former ? former
        : null;
}
