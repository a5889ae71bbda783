using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace Orchestrator.Models.Batching;

/// <summary>
/// Gathers the texts of concurrent <see cref="GenerateAsync"/> calls into one call of the inner
/// generator, because one ONNX run over 16 sentences costs far less than 16 runs of one. Each
/// caller waits only for its own vectors: a caller that cancels leaves the queue (or stops waiting)
/// without cancelling the shared model call, so the others in its batch still get their answers.
/// A failure of the shared call fails every caller in that batch with the same exception.
/// A caller that finds nothing queued and a model call free (a lone request) runs its own call on its
/// own thread instead, without the two thread hand-offs of the queue (see <see cref="MicroBatchingOptions.InlineWhenIdle"/>).
/// While a call runs, a free one can be held back until the backlog is worth it (<see cref="MicroBatchingOptions.MinQueuedForConcurrentCall"/>).
/// </summary>
public sealed class MicroBatchingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Channel<PendingEmbedding> _queue = Channel.CreateUnbounded<PendingEmbedding>(new UnboundedChannelOptions { SingleReader = false });
    private readonly MicroBatchingOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots;

    /// <summary>Released when a request is queued or a model call ends: a worker holding back an extra call looks again.</summary>
    private readonly SemaphoreSlim _changed = new(0);
    private int _running;
    private long _heldBack;
    private readonly Task[] _workers;
    private long _calls;
    private long _texts;
    private bool _disposed;

    public MicroBatchingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, MicroBatchingOptions? options = null, TimeProvider? timeProvider = null)
        : base(innerGenerator)
    {
        _options = options ?? new MicroBatchingOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _slots = new SemaphoreSlim(_options.MaxConcurrentBatches);
        _workers = [.. Enumerable.Range(0, _options.MaxConcurrentBatches).Select(_ => Task.Run(RunWorkerAsync))];
    }

    /// <summary>Texts per model call so far (count of calls, count of texts), for benchmarks and tests.</summary>
    public (long Calls, long Texts) Batches => (Interlocked.Read(ref _calls), Interlocked.Read(ref _texts));

    /// <summary>How often a worker held a free call back for a small backlog (<see cref="MicroBatchingOptions.MinQueuedForConcurrentCall"/>), for tests.</summary>
    internal long HeldBack => Interlocked.Read(ref _heldBack);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        if (texts.Count == 0 || texts.Count >= _options.MaxBatchSize || options is not null)
        {
            // Bulk work (ingestion, router fit) already fills a batch; custom options cannot be shared.
            return await base.GenerateAsync(texts, options, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_options.InlineWhenIdle && _options.MaxWait == TimeSpan.Zero && _queue.Reader.Count == 0 && TryStartInlineCall(cancellationToken))
        {
            // Nothing is waiting and a model call is free: a batch would hold these texts alone, so run
            // it here. The caller's own token is fine, since nobody else shares this call.
            try
            {
                Interlocked.Increment(ref _calls);
                EmbedderMetrics.RecordCall(texts.Count);
                Interlocked.Add(ref _texts, texts.Count);
                return await base.GenerateAsync(texts, options: null, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                _slots.Release();
                Signal();
            }
        }

        var pending = new PendingEmbedding(texts, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(MicroBatchingEmbeddingGenerator));
        }

        Signal();

        var vectors = await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        result.AddRange(vectors);
        return result;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _queue.Writer.TryComplete();
            _stopping.Cancel();
            try
            {
                Task.WaitAll(_workers, TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Workers end by cancellation; nothing to report at disposal.
            }

            while (_queue.Reader.TryRead(out var left))
            {
                left.Completion.TrySetException(new ObjectDisposedException(nameof(MicroBatchingEmbeddingGenerator)));
            }

            _stopping.Dispose();
            _slots.Dispose();
            _changed.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task RunWorkerAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                // A free model call first, then the batch: what queues while every call is busy joins it.
                await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
                try
                {
                    // Another call is running and the backlog is small: let it end, so these texts share the next call.
                    var started = false;
                    while (reader.Count > 0 && !(started = TryStartCall(reader.Count)))
                    {
                        Interlocked.Increment(ref _heldBack);
                        await _changed.WaitAsync(_stopping.Token).ConfigureAwait(false);
                    }

                    if (!started)
                    {
                        // Another call took the queue while this worker waited.
                        continue;
                    }

                    try
                    {
                        var batch = await CollectAsync(reader).ConfigureAwait(false);
                        if (batch.Count > 0)
                        {
                            await RunBatchAsync(batch).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _running);
                    }
                }
                finally
                {
                    _slots.Release();
                    Signal();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>
    /// Counts a model call as running if one may start now with <paramref name="queued"/> requests waiting: always when
    /// none runs, else with enough of a backlog. The check and the count are one step: when a call ends, the worker that
    /// gets its slot and the worker that held the backlog back both look, and only one may see "none running", or each
    /// would take part of the queue and the texts would go as two calls instead of one.
    /// </summary>
    private bool TryStartCall(int queued)
    {
        while (true)
        {
            var running = Volatile.Read(ref _running);
            if (running != 0 && queued < _options.MinQueuedForConcurrentCall)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _running, running + 1, running) == running)
            {
                return true;
            }
        }
    }

    /// <summary>Takes a free slot and counts the call as running, for a lone caller that runs its own call; gives the slot back if a call may not start.</summary>
    private bool TryStartInlineCall(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, cancellationToken))
        {
            return false;
        }

        if (TryStartCall(queued: 1))
        {
            return true;
        }

        _slots.Release();
        return false;
    }

    /// <summary>Wakes a worker that holds back an extra call (at most one pending wake-up: each waiter looks again anyway).</summary>
    private void Signal()
    {
        if (_options.MinQueuedForConcurrentCall > 1 && _changed.CurrentCount == 0)
        {
            _changed.Release();
        }
    }

    /// <summary>Takes what is queued, up to the batch size; waits up to MaxWait for more when configured.</summary>
    private async Task<List<PendingEmbedding>> CollectAsync(ChannelReader<PendingEmbedding> reader)
    {
        var batch = new List<PendingEmbedding>();
        var count = 0;
        var deadline = _time.GetTimestamp() + (long)(_options.MaxWait.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            while (count < _options.MaxBatchSize && reader.TryPeek(out var next))
            {
                if (count > 0 && count + next.Texts.Count > _options.MaxBatchSize)
                {
                    return batch;
                }

                if (!reader.TryRead(out next))
                {
                    break;
                }

                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.CancellationToken);
                    continue;
                }

                batch.Add(next);
                count += next.Texts.Count;
            }

            var left = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (count >= _options.MaxBatchSize || left <= TimeSpan.Zero || batch.Count == 0)
            {
                return batch;
            }

            using var delay = new CancellationTokenSource(left, _time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, delay.Token);
            try
            {
                if (!await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                {
                    return batch;
                }
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                return batch;
            }
        }
    }

    private async Task RunBatchAsync(List<PendingEmbedding> batch)
    {
        var texts = batch.SelectMany(p => p.Texts).ToList();
        Interlocked.Increment(ref _calls);
        EmbedderMetrics.RecordCall(texts.Count);
        Interlocked.Add(ref _texts, texts.Count);
        try
        {
            // Not the callers' tokens: one caller giving up must not cancel the others' vectors.
            var embeddings = await base.GenerateAsync(texts, options: null, _stopping.Token).ConfigureAwait(false);
            var offset = 0;
            foreach (var pending in batch)
            {
                var mine = new Embedding<float>[pending.Texts.Count];
                for (var i = 0; i < mine.Length; i++)
                {
                    mine[i] = embeddings[offset + i];
                }

                offset += mine.Length;
                pending.Completion.TrySetResult(mine);
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private sealed class PendingEmbedding(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        public IReadOnlyList<string> Texts { get; } = texts;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<Embedding<float>[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
