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

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var warmUp = orchestrator.WarmUpAsync(_stopping.Token);
        return options.Value.WarmUpInBackground ? Task.CompletedTask : warmUp.WaitAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _stopping.CancelAsync().ConfigureAwait(false);

    public void Dispose() => _stopping.Dispose();
}
