using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Mail;

/// <summary>
/// Hands mail to the transport without ever failing or holding up the caller: a local transport sends at once (a
/// failure is logged), a network one gets a bounded queue drained by <see cref="RunAsync"/>, which retries a failed
/// send with growing pauses and then gives the mail up with an error in the log.
/// </summary>
public sealed class MailOutbox(IMailTransport transport, TimeProvider clock, ILogger<MailOutbox> logger)
{
    /// <summary>The pauses before the second, third and fourth attempt.</summary>
    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    private const int Capacity = 1000;

    private readonly Channel<OutgoingMail> _queue = Channel.CreateBounded<OutgoingMail>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public async Task PostAsync(OutgoingMail mail)
    {
        if (!transport.SendsInline)
        {
            if (!_queue.Writer.TryWrite(mail))
            {
                logger.LogError("Mail to {To} ({Subject}) dropped: {Capacity} mails are already waiting to be sent", mail.To, mail.Subject, Capacity);
            }

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

    /// <summary>Sends queued mail until <paramref name="stopping"/>; mail still queued then is lost (it is in the log).</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var mail in _queue.Reader.ReadAllAsync(stopping))
            {
                await SendWithRetriesAsync(mail, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SendWithRetriesAsync(OutgoingMail mail, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await transport.SendAsync(mail, stopping);
                logger.LogInformation("Mail to {To} sent: {Subject}", mail.To, mail.Subject);
                return;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                if (attempt > RetryDelays.Length)
                {
                    logger.LogError(e, "Mail to {To} ({Subject}) given up after {Attempts} attempts", mail.To, mail.Subject, attempt);
                    return;
                }

                logger.LogWarning("Mail to {To} ({Subject}) failed (attempt {Attempt}): {Error}; trying again in {Delay}", mail.To, mail.Subject, attempt, e.Message, RetryDelays[attempt - 1]);
                await Task.Delay(RetryDelays[attempt - 1], clock, stopping);
            }
        }
    }
}
