namespace AudioPortal.Core.Data;

/// <summary>
/// Marks an entity that belongs to one account. <see cref="AppDbContext"/> filters every query of such an
/// entity to the current account, so a forgotten <c>Where</c> cannot leak another tenant's rows.
/// System work (the job worker, sweepers) opts out explicitly with <c>IgnoreQueryFilters()</c>.
/// </summary>
public interface IAccountOwned
{
    string AccountId { get; }
}
