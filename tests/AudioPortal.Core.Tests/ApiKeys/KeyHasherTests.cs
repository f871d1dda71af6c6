using AudioPortal.Core.ApiKeys;

namespace AudioPortal.Core.Tests.ApiKeys;

public sealed class KeyHasherTests
{
    [Fact]
    public void A_live_key_has_the_live_prefix_and_43_base62_characters_of_secret()
    {
        var generated = KeyHasher.Generate(test: false);

        Assert.StartsWith("as_live_", generated.Key);
        Assert.Equal(8 + 43, generated.Key.Length);
        Assert.All(generated.Key[8..], c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Equal(generated.Key[..16], generated.Prefix);
    }

    [Fact]
    public void A_test_key_has_the_test_prefix()
    {
        var generated = KeyHasher.Generate(test: true);

        Assert.StartsWith("as_test_", generated.Key);
        Assert.True(KeyHasher.IsTestKey(generated.Key));
    }

    [Fact]
    public void Keys_never_repeat_and_are_stored_as_their_sha256_not_in_clear()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => KeyHasher.Generate(false)).ToList();

        Assert.Equal(200, keys.Select(k => k.Key).Distinct().Count());
        Assert.All(keys, k => Assert.Equal(64, k.Hash.Length));
        Assert.All(keys, k => Assert.DoesNotContain(k.Key[16..], k.Hash));
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(keys[0].Key))),
            keys[0].Hash);
    }

    [Fact]
    public void Only_the_exact_key_matches_its_hash()
    {
        var generated = KeyHasher.Generate(false);
        var lastChanged = generated.Key[..^1] + (generated.Key[^1] == 'a' ? 'b' : 'a');

        Assert.True(KeyHasher.Matches(generated.Key, generated.Hash));
        Assert.False(KeyHasher.Matches(lastChanged, generated.Hash));
        Assert.False(KeyHasher.Matches(generated.Key, null));
        Assert.False(KeyHasher.Matches(generated.Key, "not-hex"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("as_live_short")]
    [InlineData("sk_live_0123456789012345678901234567890123456789012")]
    [InlineData("as_live_012345678901234567890123456789012345678901!")]
    public void Text_that_cannot_be_a_key_has_no_prefix(string presented)
    {
        Assert.Null(KeyHasher.PrefixOf(presented));
    }
}
