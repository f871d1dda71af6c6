namespace AudioPortal.Core.Storage.Encryption;

/// <summary>What a rotation did: the key new blobs use, files written again under it, and files looked at.</summary>
public sealed record RotationResult(uint CurrentKeyId, bool NewKey, int Reencrypted, int Total);

/// <summary>
/// <c>keys rotate-storage</c>: makes a new storage key current (unless the key comes from configuration, where the
/// operator configures the new one and leaves the old one in <c>keys/storage/</c>), then writes every blob that is
/// plaintext or under another key again under the current one, one file at a time (memory stays flat). Safe while the
/// server runs: each file is replaced by a rename, a running server finds the new key on its next read or write, and
/// files deleted meanwhile are skipped. Old keys stay in the folder, so a blob missed by a crash still reads; run it
/// again to finish.
/// </summary>
public static class StorageRotation
{
    public static async Task<RotationResult> RunAsync(LocalBlobStore store, bool newKey, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var keys = store.Cipher.Keys;
        if (!store.Cipher.EncryptsWrites)
        {
            throw new InvalidOperationException("Storage:EncryptAtRest is off: there is nothing to rotate.");
        }

        var rotated = newKey && !keys.IsConfigured;
        if (rotated)
        {
            keys.Rotate();
        }

        var files = store.ListAll().Where(f => !f.Key.Contains(BlobKeys.PartialMarker, StringComparison.Ordinal)).Select(f => f.Key).ToList();
        var converted = 0;
        for (var i = 0; i < files.Count; i++)
        {
            if (await store.ReencryptAsync(files[i], cancellationToken))
            {
                converted++;
            }

            progress?.Report((i + 1, files.Count));
        }

        return new RotationResult(keys.Current.Id, rotated, converted, files.Count);
    }
}
