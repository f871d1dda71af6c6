using System.Diagnostics.Metrics;

namespace AudioPortal.Core.Telemetry;

/// <summary>
/// The service's own meter (<see cref="MeterName"/>), recorded where the decisions happen: a job queued, claimed
/// (and how long it waited), completed or failed (by catalog code), the audio it processed, bytes received and
/// sent, webhook attempts and deliveries, quota refusals. Plain <see cref="System.Diagnostics.Metrics"/>: the host
/// chooses the exporters (Web/Operations/Telemetry); without one, recording costs next to nothing.
/// </summary>
public sealed class AudioPortalMetrics
{
    public const string MeterName = "AudioPortal";

    private readonly Counter<long> _queued;
    private readonly UpDownCounter<long> _running;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _queueWait;
    private readonly Counter<double> _audioMinutes;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _webhookAttempts;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Counter<long> _quotaRefusals;

    public AudioPortalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _queued = meter.CreateCounter<long>("audioportal.jobs.queued", "{job}", "Jobs that entered the queue (created or retried).");
        _running = meter.CreateUpDownCounter<long>("audioportal.jobs.running", "{job}", "Jobs this server is processing now.");
        _completed = meter.CreateCounter<long>("audioportal.jobs.completed", "{job}", "Jobs that completed.");
        _failed = meter.CreateCounter<long>("audioportal.jobs.failed", "{job}", "Jobs that failed, by catalog error code.");
        _duration = meter.CreateHistogram<double>("audioportal.job.duration", "s", "Processing time of one attempt, from claim to its end, by outcome.");
        _queueWait = meter.CreateHistogram<double>("audioportal.queue.wait", "s", "Time a job waited from being due (created, or its retry time) to its claim.");
        _audioMinutes = meter.CreateCounter<double>("audioportal.audio.processed", "min", "Minutes of source audio in completed jobs.");
        _received = meter.CreateCounter<long>("audioportal.io.received", "By", "Source bytes accepted, by how they came (upload, url).");
        _sent = meter.CreateCounter<long>("audioportal.io.sent", "By", "Bytes of downloads served, by what was downloaded (part, manifest, archive).");
        _webhookAttempts = meter.CreateCounter<long>("audioportal.webhook.attempts", "{attempt}", "Webhook POSTs, by outcome (success, failure).");
        _webhookDeliveries = meter.CreateCounter<long>("audioportal.webhook.deliveries", "{delivery}", "Webhook deliveries finished, by status (succeeded, failed: every attempt failed).");
        _quotaRefusals = meter.CreateCounter<long>("audioportal.quota.refusals", "{refusal}", "Work refused by a plan limit, by catalog code (QUOTA_EXCEEDED, STORAGE_LIMIT_EXCEEDED).");
    }

    public void JobQueued() => _queued.Add(1);

    /// <summary>A claim, after <paramref name="waited"/> in the queue.</summary>
    public void JobClaimed(TimeSpan waited) => _queueWait.Record(Math.Max(0, waited.TotalSeconds));

    public void AttemptStarted() => _running.Add(1);

    /// <summary>The attempt a claim started has ended, however it ended (completed, failed, queued again, returned).</summary>
    public void AttemptEnded(TimeSpan took, string outcome)
    {
        _running.Add(-1);
        _duration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void JobCompleted(double sourceSeconds)
    {
        _completed.Add(1);
        _audioMinutes.Add(sourceSeconds / 60);
    }

    public void JobFailed(string code) => _failed.Add(1, new KeyValuePair<string, object?>("code", code));

    public void Received(long bytes, string via) => _received.Add(bytes, new KeyValuePair<string, object?>("via", via));

    public void Sent(long bytes, string what) => _sent.Add(bytes, new KeyValuePair<string, object?>("what", what));

    public void WebhookAttempt(bool succeeded) =>
        _webhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    public void WebhookDelivery(string status) => _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("status", status));

    public void QuotaRefused(string code) => _quotaRefusals.Add(1, new KeyValuePair<string, object?>("code", code));
}
