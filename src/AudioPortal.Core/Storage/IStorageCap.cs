namespace AudioPortal.Core.Storage;

/// <summary>
/// How much an account may keep in storage: Billing's plan provides it, so Storage, which sits below Billing, checks
/// the cap without knowing plans.
/// </summary>
public interface IStorageCap
{
    /// <summary>Bytes the account may keep; 0 means no cap.</summary>
    long MaxStorageBytes { get; }
}
