using Microsoft.Extensions.Logging;

namespace Orchestrator.Models.Onnx;

/// <summary>The per-model concurrency cap with a bounded, timed wait queue.</summary>
internal sealed class ModelSlots : IDisposable
{
    private readonly string _folder;
    private readonly OnnxProviderOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _semaphore;
    private int _waiting;

    public ModelSlots(string folder, OnnxProviderOptions options, ILogger logger)
    {
        _folder = folder;
        _options = options;
        _logger = logger;
        _semaphore = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        if (_semaphore.Wait(0, CancellationToken.None))
        {
            return new Slot(_semaphore);
        }

        if (Interlocked.Increment(ref _waiting) > _options.MaxQueueLength)
        {
            Interlocked.Decrement(ref _waiting);
            OnnxLog.Busy(_logger, _folder, "queue full");
            throw new OnnxModelBusyException(_folder,
                $"{_options.MaxQueueLength} requests are already waiting; retry later or raise max_concurrency");
        }

        using var timeout = new CancellationTokenSource(_options.QueueTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _semaphore.WaitAsync(linked.Token);
            return new Slot(_semaphore);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            OnnxLog.Busy(_logger, _folder, "queue timeout");
            throw new OnnxModelBusyException(_folder,
                $"no generation slot freed within {_options.QueueTimeout.TotalSeconds:0.#} s; raise queue_timeout_seconds or max_concurrency");
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Slot(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                try
                {
                    semaphore.Release();
                }
                catch (ObjectDisposedException)
                {
                    // The client was disposed while this request was finishing; nothing left to release to.
                }
            }
        }
    }
}
