using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Telemetry;
using AudioPortal.Core.Mail;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Billing;

/// <summary>
/// The job worker's side of billing (see <see cref="IUsageMeter"/>). Reservations are atomic on any database
/// provider: inside one transaction the account's <see cref="BillingProfile"/> row is updated first (a write lock
/// held until commit), then the quota is re-summed and the reservation inserted, so two jobs of one account can
/// never both see the same free minutes.
/// </summary>
public sealed class UsageMeter(
    IDbContextFactory<AppDbContext> dbs, UsageLedger ledger, CustomerMail mail, TimeProvider clock, AudioPortalMetrics metrics) : IUsageMeter
{
    private const int Attempts = 5;

    public async Task<Result> CheckCanStartAsync(string accountId, double? sourceSeconds, bool isTestKey, CancellationToken cancellationToken)
    {
        if (isTestKey)
        {
            return Result.Success;
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (await ledger.HasPastDueAsync(db, accountId, now, cancellationToken))
        {
            return ErrorCatalog.PaymentRequired.WithMessage("The account has an unpaid, past-due invoice; pay it to start new jobs.");
        }

        if (sourceSeconds is not { } seconds)
        {
            return Result.Success;
        }

        var current = await ledger.CurrentAsync(db, accountId, now, cancellationToken);
        return await FitsAsync(db, accountId, current, Money.Minutes(seconds), cancellationToken);
    }

    public async Task<Result> ReserveAsync(string accountId, string jobId, double sourceSeconds, bool isTestKey, CancellationToken cancellationToken)
    {
        if (isTestKey)
        {
            return Result.Success;
        }

        var minutes = Money.Minutes(sourceSeconds);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await db.Set<Reservation>().IgnoreQueryFilters().AnyAsync(r => r.JobId == jobId && r.State != ReservationState.Released, cancellationToken))
                {
                    return Result.Success; // a retried start of the same job
                }

                await LockAccountAsync(db, accountId, cancellationToken);
                var now = clock.GetUtcNow();
                var current = await ledger.CurrentAsync(db, accountId, now, cancellationToken);
                var fits = await FitsAsync(db, accountId, current, minutes, cancellationToken);
                if (!fits.IsSuccess)
                {
                    return fits; // disposing the transaction rolls the lock bump back
                }

                var existing = await db.Set<Reservation>().IgnoreQueryFilters().FirstOrDefaultAsync(r => r.JobId == jobId, cancellationToken);
                if (existing is null)
                {
                    db.Add(new Reservation { AccountId = accountId, JobId = jobId, Minutes = minutes, SourceSeconds = sourceSeconds, State = ReservationState.Active, CreatedAt = now });
                }
                else
                {
                    // A released job that is started again holds its minutes afresh.
                    existing.State = ReservationState.Active;
                    existing.Minutes = minutes;
                    existing.SourceSeconds = sourceSeconds;
                    existing.CreatedAt = now;
                    existing.SettledAt = null;
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return Result.Success;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Two first reservations inserted the same profile row or job id at once; the loser retries and re-checks.
            }
        }
    }

    /// <summary>The shares of the included minutes (percent) at which the customer is mailed.</summary>
    public static readonly int[] QuotaThresholds = [80, 100];

    public async Task CommitAsync(AppDbContext db, string jobId, CancellationToken cancellationToken)
    {
        var reservation = await db.Set<Reservation>().IgnoreQueryFilters().FirstOrDefaultAsync(r => r.JobId == jobId, cancellationToken);
        if (reservation is not { State: ReservationState.Active })
        {
            return; // test-key jobs have none; a committed one stays committed
        }

        var now = clock.GetUtcNow();
        reservation.State = ReservationState.Committed;
        reservation.SettledAt = now;
        if (!await db.Set<UsageRecord>().IgnoreQueryFilters().AnyAsync(u => u.JobId == jobId, cancellationToken))
        {
            var current = await ledger.CurrentAsync(db, reservation.AccountId, now, cancellationToken);
            db.Add(new UsageRecord
            {
                AccountId = reservation.AccountId,
                JobId = jobId,
                Minutes = reservation.Minutes,
                SourceSeconds = reservation.SourceSeconds,
                PlanId = current.Plan.Id,
                RecordedAt = now,
            });
            await MailQuotaCrossedAsync(db, reservation, current, cancellationToken);
        }
    }

    /// <summary>
    /// Mails the customer when this job's minutes carry the period's usage over 80 % or 100 % of the included minutes.
    /// Usage only grows within a period and each job is recorded once, so each threshold is crossed by exactly one job
    /// per period: no "already sent" marker is needed. (Jobs that cross both at once send the 100 % mail only.)
    /// </summary>
    private async Task MailQuotaCrossedAsync(AppDbContext db, Reservation reservation, AccountPeriod current, CancellationToken cancellationToken)
    {
        var included = current.Plan.MonthlyMinutes;
        if (included <= 0 || reservation.Minutes <= 0)
        {
            return;
        }

        var before = await ledger.MinutesUsedAsync(db, reservation.AccountId, current.Period, cancellationToken);
        var after = before + reservation.Minutes;
        var crossed = QuotaThresholds.LastOrDefault(t => before * 100 < included * t && after * 100 >= included * t);
        if (crossed > 0)
        {
            await mail.QuotaReachedAsync(reservation.AccountId, crossed, after, included, current.Period.End);
        }
    }

    public async Task ReleaseAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Set<Reservation>().IgnoreQueryFilters()
            .Where(r => r.JobId == jobId && r.State == ReservationState.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReservationState.Released).SetProperty(r => r.SettledAt, now), cancellationToken);
    }

    private async Task<Result> FitsAsync(AppDbContext db, string accountId, AccountPeriod current, int minutes, CancellationToken cancellationToken)
    {
        if (current.Plan.OveragePerMinute is not null)
        {
            return Result.Success; // paid plans bill the overage instead
        }

        var used = await ledger.MinutesUsedAsync(db, accountId, current.Period, cancellationToken)
            + await ledger.MinutesReservedAsync(db, accountId, cancellationToken);
        if (used + minutes <= current.Plan.MonthlyMinutes)
        {
            return Result.Success;
        }

        metrics.QuotaRefused(ErrorCatalog.QuotaExceeded.Code);
        return ErrorCatalog.QuotaExceeded.WithDetails(
            new Dictionary<string, object?>
            {
                ["minutesIncluded"] = current.Plan.MonthlyMinutes,
                ["minutesUsed"] = used,
                ["minutesRequested"] = minutes,
            },
            $"This job needs {minutes} minute(s) but only {Math.Max(0, current.Plan.MonthlyMinutes - used)} of the {current.Plan.MonthlyMinutes} included minutes are left this period.");
    }

    /// <summary>Takes the account's billing write lock for the rest of the transaction, creating the row on first use.</summary>
    internal static async Task LockAccountAsync(AppDbContext db, string accountId, CancellationToken cancellationToken)
    {
        var updated = await db.Set<BillingProfile>().IgnoreQueryFilters().Where(p => p.AccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LockVersion, p => p.LockVersion + 1), cancellationToken);
        if (updated == 0)
        {
            db.Add(new BillingProfile { AccountId = accountId, LockVersion = 1 });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
