using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// Listens to the given meter instances only (not every meter of the name, which parallel tests also create) and keeps
/// each measurement with its instrument, unit and tags; <see cref="Observe"/> collects the observable gauges now.
/// </summary>
public sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentDictionary<string, Instrument> _instruments = new();

    public MetricCapture(params Meter[] meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!meters.Contains(instrument.Meter)) return;
            _instruments[instrument.Name] = instrument;
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Keep(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Keep(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Keep(i, value, tags));
        _listener.Start();
    }

    /// <summary>The instruments seen, by name.</summary>
    public IReadOnlyDictionary<string, Instrument> Instruments => _instruments;

    /// <summary>Every measurement of <paramref name="name"/> so far.</summary>
    public IReadOnlyList<Measurement> Of(string name) => [.. _measurements.Where(m => m.Name == name)];

    /// <summary>The sum of the measurements of <paramref name="name"/> whose tags include every one of <paramref name="tags"/>.</summary>
    public double Sum(string name, params (string Key, string Value)[] tags) =>
        Of(name).Where(m => tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value))).Sum(m => m.Value);

    /// <summary>Collects the observable gauges now; returns the value each reported last.</summary>
    public double Observe(string name)
    {
        var before = _measurements.Count;
        _listener.RecordObservableInstruments();
        return _measurements.Skip(before).Last(m => m.Name == name).Value;
    }

    public void Dispose() => _listener.Dispose();

    private void Keep<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
    }

    public sealed record Measurement(string Name, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);
}
