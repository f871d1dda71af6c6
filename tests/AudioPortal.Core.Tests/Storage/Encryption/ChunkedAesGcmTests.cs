using System.Security.Cryptography;
using AudioPortal.Core.Storage.Encryption;

namespace AudioPortal.Core.Tests.Storage.Encryption;

public sealed class ChunkedAesGcmTests
{
    [Fact]
    public void A_chunk_opened_with_a_different_key_of_the_same_id_fails_authentication()
    {
        var header = ChunkedAesGcm.NewHeader(7);
        var plain = RandomNumberGenerator.GetBytes(100);
        var sealedChunk = new byte[plain.Length + ChunkedAesGcm.Overhead];
        using (var right = new AesGcm(RandomNumberGenerator.GetBytes(32), ChunkedAesGcm.TagSize))
        {
            ChunkedAesGcm.SealChunk(right, header, 0, final: true, plain, sealedChunk);
        }

        using var wrong = new AesGcm(RandomNumberGenerator.GetBytes(32), ChunkedAesGcm.TagSize);
        var output = new byte[plain.Length];
        Assert.Throws<BlobIntegrityException>(() => ChunkedAesGcm.OpenChunk(wrong, header, 0, final: true, sealedChunk, output, "blob"));
        Assert.All(output, b => Assert.Equal(0, b));
    }
}
