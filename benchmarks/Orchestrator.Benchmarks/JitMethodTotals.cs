using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>load --jit-methods</c>: which code the JIT compiled during each level, from the runtime's
/// <c>MethodJittingStarted</c> events (keyword JIT = 0x10, level verbose), counted by the first three parts of
/// the method's type name ("System.Text.RegularExpressions", "Orchestrator.Guardian.Pii"). Every compilation
/// counts: a method's first code and each tier-up. The events reach the listener asynchronously, so a few may
/// land in the next level; the listener itself costs time, so compare levels run with the option to each other.
/// </summary>
internal sealed class JitMethodTotals : EventListener
{
    private ConcurrentDictionary<string, int> _byNamespace = new(StringComparer.Ordinal);

    /// <summary>Compilations by namespace (top 15) since the last call, and forgets them.</summary>
    public object Take()
    {
        var counts = Interlocked.Exchange(ref _byNamespace, new(StringComparer.Ordinal));
        return new
        {
            total = counts.Values.Sum(),
            by_namespace = counts.OrderByDescending(c => c.Value).Take(15).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
        };
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("MethodJittingStarted", StringComparison.Ordinal) || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }

        var index = eventData.PayloadNames.IndexOf("MethodNamespace");
        var type = index >= 0 ? eventData.Payload[index] as string ?? "?" : "?";
        var parts = type.Split('.', 4);
        var group = string.Join('.', parts.Take(Math.Min(3, Math.Max(1, parts.Length - 1))));
        _byNamespace.AddOrUpdate(group, 1, (_, count) => count + 1);
    }
}
