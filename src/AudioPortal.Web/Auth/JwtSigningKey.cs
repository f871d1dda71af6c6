using System.Security.Cryptography;
using AudioPortal.Web.Data;
using Microsoft.IdentityModel.Tokens;

namespace AudioPortal.Web.Auth;

/// <summary>
/// The RS256 key that signs access tokens: created on first start and kept (owner-readable only) in the data
/// folder, so tokens outlive restarts and every process on the same data folder agrees on the key.
/// </summary>
public sealed class JwtSigningKey
{
    public const string FileName = "jwt-signing-key.pem";

    public JwtSigningKey(DataFolder data)
    {
        var path = Path.Combine(data.Sub("keys"), FileName);
        var rsa = RSA.Create();
        if (!File.Exists(path))
        {
            rsa.KeySize = 2048;
            TryCreate(path, rsa.ExportRSAPrivateKeyPem());
        }

        // Read back what is on disk: another process may have created it first.
        rsa.ImportFromPem(File.ReadAllText(path));
        var parameters = rsa.ExportParameters(false);
        KeyId = Base64UrlEncoder.Encode(SHA256.HashData([.. parameters.Modulus!, .. parameters.Exponent!])[..16]);
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
        Modulus = Base64UrlEncoder.Encode(parameters.Modulus);
        Exponent = Base64UrlEncoder.Encode(parameters.Exponent);
    }

    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials => new(SecurityKey, SecurityAlgorithms.RsaSha256);

    /// <summary>The public key as a JSON Web Key Set, for <c>/.well-known/jwks.json</c>.</summary>
    public object Jwks => new
    {
        keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Modulus, e = Exponent } },
    };

    private string Modulus { get; }

    private string Exponent { get; }

    private static void TryCreate(string path, string pem)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(pem);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Lost a race with another process starting on the same data folder: use its key.
        }
    }
}
