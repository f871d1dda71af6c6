namespace AudioPortal.Core.Data;

/// <summary>
/// Marks an account's billing record (invoices, usage records): it holds no personal data and outlives the account's
/// erasure, kept <see cref="RetentionOptions.BillingRecordYears"/> after the deletion beside an anonymised account row.
/// </summary>
public interface IBillingRecord : IAccountOwned
{
}
