using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestrator.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>load --spans</c>: listens to the pipeline's ActivitySource and adds up each span's duration by
/// name, so a level can report where its server time went at a finer grain than timings_ms. The
/// embedder's span is split by the stage that asked (route, specialist, guardian), since the query is
/// embedded inside whichever stage asks first. Spans cost a little when listened to, so this is off
/// unless asked for; compare a level with spans to another with spans, not to one without.
/// </summary>
internal sealed class SpanTotals : IDisposable
{
    private readonly ConcurrentDictionary<string, (double Ms, long Count)> _totals = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public SpanTotals()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OrchestratorTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Mean milliseconds per request of each span name since the last call, and forgets them.</summary>
    public Dictionary<string, object> TakePerRequest(int requests)
    {
        var n = Math.Max(1, requests);
        var taken = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in _totals.Keys.Order(StringComparer.Ordinal))
        {
            if (_totals.TryRemove(name, out var total))
            {
                taken[name] = new { mean_ms = Math.Round(total.Ms / n, 2), per_request = Math.Round(total.Count / (double)n, 2) };
            }
        }

        return taken;
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Activity activity)
    {
        var name = activity.OperationName;
        if (name.StartsWith("orchestrator.embed", StringComparison.Ordinal))
        {
            name += " in " + (StageOf(activity.Parent) ?? "(no stage)");
        }

        _totals.AddOrUpdate(name, (activity.Duration.TotalMilliseconds, 1), (_, total) => (total.Ms + activity.Duration.TotalMilliseconds, total.Count + 1));
    }

    private static string? StageOf(Activity? activity)
    {
        for (var current = activity; current is not null; current = current.Parent)
        {
            if (current.OperationName is "orchestrator.route" or "orchestrator.specialist" or "orchestrator.guardian" or "orchestrator.rails.input" or "orchestrator.rails.output" or "orchestrator.rails.retrieval")
            {
                return current.OperationName;
            }
        }

        return null;
    }
}
