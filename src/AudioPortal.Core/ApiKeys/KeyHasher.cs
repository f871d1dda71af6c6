using System.Security.Cryptography;
using System.Text;

namespace AudioPortal.Core.ApiKeys;

/// <summary>A freshly made key: the full secret (shown once) and what is stored instead of it.</summary>
public sealed record GeneratedKey(string Key, string Prefix, string Hash);

/// <summary>
/// Makes and checks API keys. A key is <c>as_live_</c> or <c>as_test_</c> followed by 43 base-62 characters
/// (256 bits from the OS generator). Only its SHA-256 hash and a short clear prefix are stored: the prefix
/// finds the row, the hash proves the key. A fast hash is right here because the secret is random, not a password.
/// </summary>
public static class KeyHasher
{
    public const string LivePrefix = "as_live_";
    public const string TestPrefix = "as_test_";

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>43 base-62 characters carry 256 bits (43 × log2 62 ≈ 256.03).</summary>
    public const int SecretLength = 43;

    /// <summary>Characters of the secret kept in clear after the mode prefix, for lookup and <c>keyPreview</c>.</summary>
    public const int ClearChars = 8;

    public static GeneratedKey Generate(bool test)
    {
        var key = (test ? TestPrefix : LivePrefix) + RandomNumberGenerator.GetString(Alphabet, SecretLength);
        return new GeneratedKey(key, PrefixOf(key)!, Hash(key));
    }

    /// <summary>The lookup prefix (<c>as_live_Ab12Cd34</c>) of a well-formed key, or null when the text cannot be a key.</summary>
    public static string? PrefixOf(string presented)
    {
        if (presented.Length != LivePrefix.Length + SecretLength ||
            !(presented.StartsWith(LivePrefix, StringComparison.Ordinal) || presented.StartsWith(TestPrefix, StringComparison.Ordinal)))
        {
            return null;
        }

        foreach (var c in presented.AsSpan(LivePrefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }
        }

        return presented[..(LivePrefix.Length + ClearChars)];
    }

    public static bool IsTestKey(string key) => key.StartsWith(TestPrefix, StringComparison.Ordinal);

    /// <summary>Lowercase hex SHA-256 of the whole key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>True when <paramref name="presented"/> hashes to <paramref name="storedHash"/>; compared in constant time.</summary>
    public static bool Matches(string presented, string? storedHash)
    {
        if (storedHash is null)
        {
            return false;
        }

        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        Span<byte> expected = stackalloc byte[32];
        if (!Convert.FromHexString(storedHash, expected, out _, out var written).Equals(System.Buffers.OperationStatus.Done) || written != 32)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>What the list shows in place of the key: its clear prefix and an ellipsis.</summary>
    public static string Preview(string prefix) => prefix + "…";
}
