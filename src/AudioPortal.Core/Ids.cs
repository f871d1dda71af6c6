using System.Security.Cryptography;

namespace AudioPortal.Core;

/// <summary>Resource identifiers with the prefixes the API promises (<c>job_</c>, <c>key_</c>, <c>usr_</c>, …).</summary>
public static class Ids
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>A new random identifier such as <c>job_3kq9x0…</c> (20 base-36 characters, ~103 bits).</summary>
    public static string New(string prefix) => prefix + "_" + RandomNumberGenerator.GetString(Alphabet, 20);
}
