using System.Diagnostics.Metrics;

namespace Orchestrator.Models.Batching;

/// <summary>
/// Texts the served embedder was asked for, by where the vector came from: "model" (sent to the
/// model), "request" (already embedded earlier in the same request) or "cache" (kept across
/// requests by the caller, such as tool grounding's phrase cache, so never asked of the embedder). The counter is recorded
/// synchronously in the caller's call, so a listener can also attribute it to the calling stage
/// (the load benchmark does, to count embeddings per request by caller).
/// </summary>
internal static class EmbedderMetrics
{
    public const string MeterName = Diagnostics.OrchestratorMetrics.EmbedderMeterName;

    public const string TextsInstrument = "orchestrator.embedder.texts";

    /// <summary>
    /// Texts in each model call the micro-batcher makes (a lone caller's own call or a batch shared by
    /// concurrent callers): how well concurrent requests batch, which sets the model's CPU per text.
    /// </summary>
    public const string CallTextsInstrument = "orchestrator.embedder.call_texts";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>
    /// Powers of two up to the served embedder's batch of 32 (and beyond, for an embedder configured larger): a
    /// served call holds one to a few dozen texts, which the SDK's default buckets (0, 5, 10, 25, …) would blur.
    /// </summary>
    private static readonly long[] CallTextsBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    private static readonly Histogram<long> CallTexts = Meter.CreateHistogram(
        CallTextsInstrument, "{text}", "Texts per model call of the micro-batcher", tags: null, new InstrumentAdvice<long> { HistogramBucketBoundaries = CallTextsBuckets });

    private static readonly Counter<long> Texts = Meter.CreateCounter<long>(TextsInstrument, "{text}", "Texts the served embedder was asked for, by source (model, request, cache)");

    /// <summary>Texts a caller answered from its own cross-request cache instead of asking the embedder.</summary>
    internal static void RecordCached(int fromCache)
    {
        if (fromCache > 0 && Texts.Enabled)
        {
            Texts.Add(fromCache, new KeyValuePair<string, object?>("source", "cache"));
        }
    }

    /// <summary>One call of the model by the micro-batcher, with its number of texts.</summary>
    internal static void RecordCall(int texts)
    {
        if (CallTexts.Enabled)
        {
            CallTexts.Record(texts);
        }
    }

    internal static void Record(int fromModel, int fromRequest)
    {
        if (!Texts.Enabled)
        {
            return;
        }

        if (fromModel > 0)
        {
            Texts.Add(fromModel, new KeyValuePair<string, object?>("source", "model"));
        }

        if (fromRequest > 0)
        {
            Texts.Add(fromRequest, new KeyValuePair<string, object?>("source", "request"));
        }
    }
}
