namespace Orchestrator.Models.Batching;

/// <summary>How <see cref="MicroBatchingEmbeddingGenerator"/> gathers concurrent requests into one model call.</summary>
public sealed record MicroBatchingOptions
{
    /// <summary>Most texts in one model call. A single call with at least this many texts bypasses the queue.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>
    /// How long a batch that is not yet full waits for more requests after the first one arrived.
    /// Zero (the default) sends whatever is queued at once: under load the queue fills while the
    /// previous batch runs, so batches form without adding latency to a lone request.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.Zero;

    /// <summary>Model calls in flight at once; each call uses the model's own intra-op threads.</summary>
    public int MaxConcurrentBatches { get; init; } = 1;

    /// <summary>
    /// When nothing is queued and a model call is free, the caller runs its texts itself (on its own
    /// thread, with its own cancellation) instead of handing them to a batching worker and waiting for
    /// the answer to be handed back: two thread-pool hand-offs saved on every lone request. Only with
    /// <see cref="MaxWait"/> zero, since a positive wait asks for batches to be held open. Under load
    /// the calls are busy and texts queue as before, so batching is unchanged.
    /// </summary>
    public bool InlineWhenIdle { get; init; } = true;

    /// <summary>
    /// While another model call runs, a free call starts only when at least this many requests are
    /// queued; fewer wait for the running call to end and then share the next one. One (the default)
    /// starts a free call for any queued request. Every model call has a fixed cost (for the int8
    /// MiniLM on the Zen 5 host, about one text's again) that one text pays alone, so under load a higher value buys larger batches,
    /// and the core that would have run a second small call does the rest of the requests' work.
    /// A lone request is unaffected: with nothing running, a call starts at once.
    /// </summary>
    public int MinQueuedForConcurrentCall { get; init; } = 1;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentBatches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinQueuedForConcurrentCall, 1);
    }
}
