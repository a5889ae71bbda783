using System.Diagnostics.Metrics;

namespace Orchestrator.Tests.Support;

/// <summary>
/// Reads the dependency instruments (<c>orchestrator.dependency.*</c>) of one <see cref="Meter"/> instance only, so
/// other tests' (and other hosts') meters of the same name do not change what a test sees.
/// </summary>
internal sealed class DependencyMetricsReader : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Dependency, int Value)> _up = [];
    private readonly Dictionary<(string Dependency, string Store), long> _failures = [];
    private readonly Lock _gate = new();

    public DependencyMetricsReader(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter && instrument.Name.StartsWith("orchestrator.dependency.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            var (dependency, _) = Read(tags);
            lock (_gate)
            {
                _up.Add((dependency, value));
            }
        });
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var key = Read(tags);
            lock (_gate)
            {
                _failures[key] = _failures.GetValueOrDefault(key) + value;
            }
        });
        _listener.Start();
    }

    /// <summary>The gauge's values now, for <paramref name="dependency"/>.</summary>
    public int[] Up(string dependency = "redis")
    {
        lock (_gate)
        {
            _up.Clear();
        }

        _listener.RecordObservableInstruments();
        lock (_gate)
        {
            return [.. _up.Where(u => u.Dependency == dependency).Select(u => u.Value)];
        }
    }

    public long Failures(string store, string dependency = "redis")
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault((dependency, store));
        }
    }

    public void Dispose() => _listener.Dispose();

    private static (string Dependency, string Store) Read(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string dependency = "", store = "";
        foreach (var tag in tags)
        {
            dependency = tag.Key == "dependency" ? tag.Value as string ?? "" : dependency;
            store = tag.Key == "store" ? tag.Value as string ?? "" : store;
        }

        return (dependency, store);
    }
}
