using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Mail;

/// <summary>
/// Hands mail to the transport without ever failing or holding up the caller: a local transport sends at once (a
/// failure is logged), a network one gets a bounded queue drained by <see cref="RunAsync"/>. A failed send is put
/// back into the queue after a growing pause (<see cref="RetryDelays"/>, on the app's clock) while the mails behind
/// it go on being sent; after the last pause the mail is given up with an error in the log.
/// </summary>
public sealed class MailOutbox(IMailTransport transport, TimeProvider clock, ILogger<MailOutbox> logger)
{
    /// <summary>The pauses before the second, third, … attempt: about 1 h 43 min of retrying in all.</summary>
    public static readonly TimeSpan[] RetryDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
    ];

    private const int Capacity = 1000;

    private readonly Channel<Queued> _queue = Channel.CreateBounded<Queued>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly HashSet<Task> _pauses = []; // mails waiting out a pause before their next attempt

    public async Task PostAsync(OutgoingMail mail)
    {
        if (!transport.SendsInline)
        {
            Enqueue(new Queued(mail, 1));
            return;
        }

        try
        {
            await transport.SendAsync(mail, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Mail to {To} ({Subject}) could not be written", mail.To, mail.Subject);
        }
    }

    /// <summary>Sends queued mail until <paramref name="stopping"/>; mail not sent by then is lost, each with an error in the log.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stopping))
            {
                await SendAsync(item, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        Task[] pauses;
        lock (_pauses)
        {
            pauses = [.. _pauses];
        }

        await Task.WhenAll(pauses); // each ends at once when stopping, logging its mail
        while (_queue.Reader.TryRead(out var left))
        {
            LogLost(left.Mail);
        }
    }

    private async Task SendAsync(Queued item, CancellationToken stopping)
    {
        var mail = item.Mail;
        try
        {
            await transport.SendAsync(mail, stopping);
            logger.LogInformation("Mail to {To} sent: {Subject}", mail.To, mail.Subject);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            LogLost(mail);
        }
        catch (Exception e)
        {
            if (item.Attempt > RetryDelays.Length)
            {
                logger.LogError(e, "Mail to {To} ({Subject}) given up after {Attempts} attempts", mail.To, mail.Subject, item.Attempt);
                return;
            }

            // The pause starts (its timer exists) before the line is logged, so whoever reads the line can move the clock past it.
            var delay = RetryDelays[item.Attempt - 1];
            Track(RetryLaterAsync(item with { Attempt = item.Attempt + 1 }, delay, stopping));
            logger.LogWarning("Mail to {To} ({Subject}) failed (attempt {Attempt}): {Error}; trying again in {Delay}", mail.To, mail.Subject, item.Attempt, e.Message, delay);
        }
    }

    private async Task RetryLaterAsync(Queued item, TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, clock, stopping);
        }
        catch (OperationCanceledException)
        {
            LogLost(item.Mail);
            return;
        }

        Enqueue(item);
    }

    private void Track(Task pause)
    {
        lock (_pauses)
        {
            _pauses.Add(pause);
        }

        pause.ContinueWith(
            done =>
            {
                lock (_pauses)
                {
                    _pauses.Remove(done);
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Enqueue(Queued item)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            logger.LogError("Mail to {To} ({Subject}) dropped: {Capacity} mails are already waiting to be sent", item.Mail.To, item.Mail.Subject, Capacity);
        }
    }

    private void LogLost(OutgoingMail mail) =>
        logger.LogError("Mail to {To} ({Subject}) not sent: the server is stopping", mail.To, mail.Subject);

    private sealed record Queued(OutgoingMail Mail, int Attempt);
}
