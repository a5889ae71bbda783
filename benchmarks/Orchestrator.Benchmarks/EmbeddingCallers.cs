using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Counts the texts the served embedder sends to the model, by calling stage, from the core's
/// <c>orchestrator.embedder.texts</c> counter. The counter is recorded synchronously before the
/// embedder's first await, so the caller's frames are on the stack; the first frame in a stage
/// namespace (Routing, Retrieval, Guardian, Tools, Caching, Specialists) names the caller.
/// Capturing a stack trace per call is slow, so callers are named only with <c>load --count-embeddings</c>;
/// otherwise texts are counted by source (model, request) alone.
/// </summary>
internal sealed class EmbeddingCallers : IDisposable
{
    private static readonly string[] Stages = ["Routing", "Guardian", "Tools", "Caching", "Retrieval", "Specialists", "Pipeline"];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    private readonly bool _attribute;

    /// <param name="attribute">Name the calling stage (a stack trace per call); otherwise count by source only.</param>
    public EmbeddingCallers(bool attribute)
    {
        _attribute = attribute;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Orchestrator.Embedder" && instrument.Name is "orchestrator.embedder.texts" or "orchestrator.embedder.call_texts")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnTexts);
        _listener.Start();
    }

    /// <summary>Texts per request by "source/caller" since the last call, then starts afresh.</summary>
    public Dictionary<string, double> TakePerRequest(int requests)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in _counts.Keys.Order(StringComparer.Ordinal))
        {
            if (_counts.TryRemove(key, out var count))
            {
                result[key] = Math.Round(count / (double)Math.Max(1, requests), 2);
            }
        }

        return result;
    }

    public void Dispose() => _listener.Dispose();

    private void OnTexts(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == "orchestrator.embedder.call_texts")
        {
            // Model calls per request beside the model texts per request: their ratio is the mean batch.
            _counts.AddOrUpdate("model_calls", 1, (_, old) => old + 1);
            return;
        }

        var source = "?";
        foreach (var tag in tags)
        {
            if (tag.Key == "source")
            {
                source = tag.Value as string ?? "?";
            }
        }

        _counts.AddOrUpdate(_attribute ? $"{source}/{Caller()}" : source, measurement, (_, old) => old + measurement);
    }

    private static string Caller()
    {
        var frames = new StackTrace(2, fNeedFileInfo: false).GetFrames();
        foreach (var frame in frames)
        {
            var type = frame.GetMethod()?.DeclaringType;
            var ns = type?.Namespace ?? string.Empty;
            if (!ns.StartsWith("Orchestrator.", StringComparison.Ordinal) || ns.StartsWith("Orchestrator.Models", StringComparison.Ordinal))
            {
                continue;
            }

            var stage = Stages.FirstOrDefault(s => ns.StartsWith("Orchestrator." + s, StringComparison.Ordinal));
            if (stage is not null)
            {
                // The state machine of an async method is nested in its type: name the outer type.
                var named = type!.IsNested && type.Name.StartsWith('<') ? type.DeclaringType! : type;
                return $"{stage}.{named.Name}";
            }
        }

        return "other";
    }
}
