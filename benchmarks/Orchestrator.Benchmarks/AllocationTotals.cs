using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using Orchestrator.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>load --allocations</c>: where a request's managed allocations go. Two views per level:
/// <list type="bullet">
/// <item>by span: the process's allocated bytes (precise) at each pipeline span's start and stop, summed by
/// span name (inclusive of child spans). Other requests allocate meanwhile, so only a concurrency-1 level
/// attributes cleanly; the client's and Kestrel's share is the level's total minus <c>orchestrator.request</c>.</item>
/// <item>by type: the runtime's GC <c>AllocationTick</c> events (one per ~100 KB allocated, carrying the
/// type of the object that crossed the mark and the bytes since the last tick), summed by type name:
/// a sample, so types under a few KB per request are noise.</item>
/// </list>
/// Both cost time while listening (a precise count walks the allocation contexts); compare levels run
/// with the option to each other only.
/// </summary>
internal sealed class AllocationTotals : IDisposable
{
    private const string StartKey = "orchestrator.bench.allocated";
    private readonly ConcurrentDictionary<string, long> _bySpan = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;
    private readonly TickListener _ticks = new();

    public AllocationTotals()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OrchestratorTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity => activity.SetCustomProperty(StartKey, GC.GetTotalAllocatedBytes(precise: true)),
            ActivityStopped = activity =>
            {
                if (activity.GetCustomProperty(StartKey) is long start)
                {
                    var bytes = GC.GetTotalAllocatedBytes(precise: true) - start;
                    _bySpan.AddOrUpdate(activity.OperationName, bytes, (_, total) => total + bytes);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>KB per request by span name and by allocated type (top 40) since the last call, and forgets them.</summary>
    public object TakePerRequest(int requests)
    {
        var n = Math.Max(1, requests);
        var spans = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in _bySpan.Keys)
        {
            if (_bySpan.TryRemove(name, out var bytes))
            {
                spans[name] = Math.Round(bytes / 1024.0 / n, 1);
            }
        }

        var types = _ticks.Take()
            .OrderByDescending(t => t.Value)
            .Take(40)
            .ToDictionary(t => t.Key, t => Math.Round(t.Value / 1024.0 / n, 1), StringComparer.Ordinal);
        return new { span_inclusive_kb_per_request = spans, sampled_type_kb_per_request = types };
    }

    public void Dispose()
    {
        _listener.Dispose();
        _ticks.Dispose();
    }

    /// <summary>The runtime's GC AllocationTick events (keyword GC = 0x1, level verbose), summed by type name.</summary>
    private sealed class TickListener : EventListener
    {
        private ConcurrentDictionary<string, long> _byType = new(StringComparer.Ordinal);

        public Dictionary<string, long> Take() => new(Interlocked.Exchange(ref _byType, new(StringComparer.Ordinal)), StringComparer.Ordinal);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
            {
                return;
            }

            var typeIndex = eventData.PayloadNames.IndexOf("TypeName");
            var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
            if (amountIndex < 0)
            {
                amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount");
            }

            if (typeIndex < 0 || amountIndex < 0 || eventData.Payload is null)
            {
                return;
            }

            var type = eventData.Payload[typeIndex] as string ?? "?";
            var amount = Convert.ToInt64(eventData.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
            // _byType can be swapped by Take between the read and the update; a tick lost at a level's edge is noise.
            _byType.AddOrUpdate(type, amount, (_, total) => total + amount);
        }
    }
}
