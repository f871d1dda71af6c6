
namespace AudioPortal.Core.Storage;

/// <summary>
/// An account's storage use as the store sees it: everything under its folder (sources, parts, staged uploads,
/// exports). Measured, not counted, so it cannot drift from what is really kept.
/// </summary>
public sealed class BlobStorageUsage(IBlobStore store) : IStorageUsage
{
    public Task<long> BytesUsedAsync(string accountId, CancellationToken cancellationToken) =>
        store.SizeOfPrefixAsync(accountId, cancellationToken);
}
