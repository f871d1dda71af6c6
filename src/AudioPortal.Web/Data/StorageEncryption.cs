using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.Encryption;

namespace AudioPortal.Web.Data;

/// <summary>Where the storage key ring lives (<c>keys/storage/</c> in the data folder, 700) and how the store uses it.</summary>
public static class StorageEncryption
{
    public static string KeyFolder(DataFolder data) =>
        OwnerOnlyFiles.CreateFolder(Path.Combine(OwnerOnlyFiles.CreateFolder(Path.Combine(data.Root, "keys")), "storage"));

    public static BlobCipher Cipher(DataFolder data, StorageOptions options) =>
        new(StorageKeys.Load(KeyFolder(data), options.ConfiguredKey()), options.EncryptAtRest);
}
