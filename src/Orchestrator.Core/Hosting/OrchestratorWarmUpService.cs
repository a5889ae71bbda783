using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Orchestrator.Hosting;

/// <summary>
/// Starts the warm-up (ingest of empty collections, router fit, models) when the host starts. By
/// default it runs in the background so a web host can answer its liveness probe at once and report
/// readiness when the warm-up is done; <see cref="OrchestratorOptions.WarmUpInBackground"/> = false
/// makes the host's start wait for it.
/// </summary>
internal sealed class OrchestratorWarmUpService(HostedOrchestrator orchestrator, IOptions<OrchestratorOptions> options) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var warmUp = orchestrator.WarmUpAsync(_stopping.Token);
        return options.Value.WarmUpInBackground ? Task.CompletedTask : warmUp.WaitAsync(cancellationToken);
    }

    /// <remarks>
    /// A host run by its own Program stops itself and disposes its services when told to stop, so a
    /// second stop from whoever asked can arrive after <see cref="Dispose"/>: there is nothing left to cancel then.
    /// </remarks>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _stopping.Cancel();
            }
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stopping.Dispose();
        }
    }
}
