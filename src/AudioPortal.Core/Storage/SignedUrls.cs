using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Storage;

/// <summary>A signed link: the path plus <c>expires</c> (Unix seconds) and <c>sig</c> query values.</summary>
public sealed record SignedUrl(string PathAndQuery, DateTimeOffset ExpiresAt);

/// <summary>
/// Download links that need no other credentials: HMAC-SHA256 over method, path and expiry with a server secret
/// that never leaves the data folder. Anyone holding the link may download until it expires; nothing else can be
/// reached with it because the path is signed.
/// </summary>
public sealed class SignedUrls(byte[] secret, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    /// <summary>Loads the signing secret from <paramref name="file"/>, creating it (32 random bytes) on first start.</summary>
    public static byte[] LoadOrCreateSecret(string file)
    {
        if (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".tmp-" + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // a secret: owner only
        }

        using (var writer = new StreamWriter(temp, System.Text.Encoding.ASCII, options))
        {
            writer.Write(Convert.ToBase64String(secret));
        }
        try
        {
            // Two processes starting at once: the first file wins and both use it.
            File.Move(temp, file, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }

        return Convert.FromBase64String(File.ReadAllText(file).Trim());
    }

    public SignedUrl Sign(string path, TimeSpan? lifetime = null, string method = "GET")
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().Add(lifetime ?? DefaultLifetime).ToUnixTimeSeconds());
        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new SignedUrl($"{path}?expires={expires}&sig={Signature(method, path, expires)}", expiresAt);
    }

    /// <summary>
    /// Checks a link: a missing or wrong signature is UNAUTHORIZED (so a tampered expiry never reads as expired);
    /// a genuine link past its expiry is DOWNLOAD_EXPIRED. HEAD is verified as GET.
    /// </summary>
    public Result Verify(string method, string path, string? expires, string? sig)
    {
        method = method == "HEAD" ? "GET" : method;
        if (string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(sig) ||
            !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return ErrorCatalog.Unauthorized.WithMessage("This download link is not signed.");
        }

        var expected = Encoding.ASCII.GetBytes(Signature(method, path, expires));
        var given = Encoding.ASCII.GetBytes(sig);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return ErrorCatalog.Unauthorized.WithMessage("This download link's signature is not valid.");
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() > unix ? ErrorCatalog.DownloadExpired.ToError() : Result.Success;
    }

    private string Signature(string method, string path, string expires)
    {
        var message = Encoding.UTF8.GetBytes($"{method}\n{path}\n{expires}");
        return Base64Url(HMACSHA256.HashData(secret, message));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
