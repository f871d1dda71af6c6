using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AudioPortal.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Telemetry;

/// <summary>
/// What one container's <see cref="AudioPortalMetrics"/> measured, heard through a <see cref="MeterListener"/> that
/// listens only to meters of that container's factory (so tests running side by side do not hear each other).
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measured = new();

    public MetricsRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Metrics for code built by hand, outside a container (their figures are not looked at).</summary>
    public static AudioPortalMetrics Unobserved() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    /// <summary>The values recorded on <paramref name="name"/>, each with its tags.</summary>
    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Of(string name) =>
        _measured.Where(m => m.Name == name).Select(m => (m.Value, m.Tags)).ToList();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measured.Enqueue((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));

    public void Dispose() => _listener.Dispose();
}
