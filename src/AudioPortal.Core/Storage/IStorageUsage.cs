namespace AudioPortal.Core.Storage;

/// <summary>Bytes an account keeps in storage, for the storage guard and the usage report.</summary>
public interface IStorageUsage
{
    Task<long> BytesUsedAsync(string accountId, CancellationToken cancellationToken);
}
