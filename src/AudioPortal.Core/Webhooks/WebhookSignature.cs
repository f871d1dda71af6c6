using System.Security.Cryptography;
using System.Text;

namespace AudioPortal.Core.Webhooks;

/// <summary>
/// The signature of a delivery: lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the UTF-8 bytes of the
/// account's whole <c>whsec_…</c> secret. Receivers recompute it over the raw body they received.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-AudioSpliter-Signature";
    public const string EventHeader = "X-AudioSpliter-Event";
    public const string DeliveryHeader = "X-AudioSpliter-Delivery";
    public const string UserAgent = "AudioPortal-Webhook/1.0";

    public static string Compute(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, byte[] body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant()));

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
