using System.IO.Pipelines;
using System.Text.Json;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Mail;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Accounts;

/// <summary>Wakes the export worker when a request is recorded (it also polls, for requests taken by other servers).</summary>
public sealed class AccountExportSignal : WakeSignal;

/// <summary>The webhook events of exports (the job events are in <see cref="WebhookEvents"/>).</summary>
public static class ExportWebhookEvents
{
    public const string Completed = "account.export.completed";
    public const string Failed = "account.export.failed";
}

/// <summary>
/// Produces export files: claims a queued export with one conditional UPDATE (so two servers never write the same
/// one), streams the account's tables through a pipe straight into the blob store, then records the result and,
/// when asked, a signed <c>account.export.completed</c> webhook in the same save; a finished export is also mailed.
/// </summary>
public sealed class AccountExportWorker(
    IServiceScopeFactory scopes, IBlobStore store, PlanCatalog plans, AccountExportSignal signal, WebhookDispatcher dispatcher,
    AccountsOptions options, PublicAddress address, CustomerMail mail, TimeProvider clock, ILogger<AccountExportWorker> logger)
{
    public const int MaxAttempts = 3;

    public Task RunAsync(CancellationToken stopping) =>
        signal.RunRoundsAsync(ProcessDueAsync, options.ExportPollInterval, logger, "Account export", stopping);

    /// <summary>Writes every export that is due now (queued, or claimed by a worker that died); returns how many.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (await ClaimAsync(cancellationToken) is { } exportId)
        {
            await ProduceAsync(exportId, cancellationToken);
            count++;
        }

        return count;
    }

    private async Task<string?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var exports = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AccountExport>().IgnoreQueryFilters();
        var now = clock.GetUtcNow();
        var stale = now - options.ExportStaleAfter;

        // An export whose worker died on it every time is given up rather than retried forever.
        await exports.Where(e => e.Status == ExportStatus.Processing && e.StartedAt < stale && e.Attempts >= MaxAttempts)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, ExportStatus.Failed).SetProperty(e => e.CompletedAt, now)
                .SetProperty(e => e.ErrorCode, ErrorCatalog.InternalError.Code).SetProperty(e => e.ErrorMessage, "The export could not be written; start a new one."), cancellationToken);
        var candidates = await exports.AsNoTracking()
            .Where(e => e.Status == ExportStatus.Queued || (e.Status == ExportStatus.Processing && e.StartedAt < stale))
            .OrderBy(e => e.CreatedAt).Select(e => new { e.Id, e.Status, e.StartedAt }).Take(5).ToListAsync(cancellationToken);
        foreach (var c in candidates)
        {
            var claimed = await exports.Where(e => e.Id == c.Id && e.Status == c.Status && e.StartedAt == c.StartedAt)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, ExportStatus.Processing).SetProperty(e => e.StartedAt, now)
                    .SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken);
            if (claimed == 1)
            {
                return c.Id;
            }
        }

        return null;
    }

    private async Task ProduceAsync(string exportId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var export = await db.Set<AccountExport>().IgnoreQueryFilters().SingleAsync(e => e.Id == exportId, cancellationToken);
        var account = await db.Users.AsNoTracking().Where(a => a.Id == export.AccountId).Select(a => new { a.DeletedAt, a.WebhooksEnabled }).FirstOrDefaultAsync(cancellationToken);
        Result<BlobWritten> written;
        if (account is null || account.DeletedAt is not null)
        {
            written = ErrorCatalog.NotFound.WithMessage("The account was deleted before its export was written.");
        }
        else
        {
            try
            {
                written = await WriteFileAsync(export, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(e, "Export {ExportId} failed", exportId);
                written = ErrorCatalog.InternalError.ToError();
            }
        }

        var now = clock.GetUtcNow();
        export.CompletedAt = now;
        if (written.TryGetValue(out var file, out var error))
        {
            (export.Status, export.BlobKey, export.Size, export.Sha256, export.ExpiresAt) = (ExportStatus.Completed, file.Key, file.Size, file.Sha256, now + options.ExportRetention);
        }
        else
        {
            (export.Status, export.ErrorCode, export.ErrorMessage) = (ExportStatus.Failed, error.Code, error.Message);
        }

        var notify = account is { DeletedAt: null, WebhooksEnabled: true } && export.WebhookUrl is not null;
        if (notify)
        {
            db.Add(Delivery(export, now, scope.ServiceProvider.GetRequiredService<SignedUrls>()));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (notify)
        {
            dispatcher.Wake();
        }

        if (export.Status == ExportStatus.Completed)
        {
            await mail.ExportReadyAsync(export.AccountId, export.ExpiresAt!.Value);
        }
    }

    /// <summary>Streams the export into the store: the writer fills a pipe while the store drains it, so no copy is staged.</summary>
    private async Task<Result<BlobWritten>> WriteFileAsync(AccountExport export, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = AccountExportTables.For(db, export.AccountId, plans);
        var header = new ExportHeader(export.Id, clock.GetUtcNow());
        var pipe = new Pipe();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            Exception? failure = null;
            try
            {
                await using var output = pipe.Writer.AsStream(leaveOpen: true);
                await AccountExportWriter.WriteAsync(output, export.Format, header, tables, abort.Token);
            }
            catch (Exception e)
            {
                failure = e;
            }

            await pipe.Writer.CompleteAsync(failure);
        }, CancellationToken.None);

        Result<BlobWritten> written = ErrorCatalog.InternalError.ToError();
        try
        {
            // Disposing the reader completes it, which also releases a writer waiting on a full pipe.
            await using var input = pipe.Reader.AsStream();
            written = await store.WriteAsync(ExportBlobKeys.File(export.AccountId, export.Id, export.Format), input, long.MaxValue, abort.Token);
        }
        finally
        {
            if (!written.IsSuccess)
            {
                // The store stopped reading (disk full, or it threw): stop the writer too.
                await abort.CancelAsync();
            }

            await producer;
        }

        return written;
    }

    private WebhookDelivery Delivery(AccountExport export, DateTimeOffset now, SignedUrls signer)
    {
        var completed = export.Status == ExportStatus.Completed;
        var link = completed ? signer.Sign(AccountExportService.DownloadPath(export.Id), options.ExportLinkLifetime) : null;
        var data = completed
            ? (object)new { status = export.Status, format = export.Format, size = export.Size, fileName = export.FileName, downloadUrl = address.BaseUrl + link!.PathAndQuery, expiresAt = link.ExpiresAt }
            : new { status = export.Status, format = export.Format, error = new { code = export.ErrorCode, message = export.ErrorMessage } };
        var eventName = completed ? ExportWebhookEvents.Completed : ExportWebhookEvents.Failed;
        return new WebhookDelivery
        {
            AccountId = export.AccountId,
            JobId = export.Id, // the delivery's subject: an export id here
            Event = eventName,
            Url = export.WebhookUrl!,
            Payload = JsonSerializer.Serialize(new { @event = eventName, exportId = export.Id, timestamp = now, data }, ApiJson.Options),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
