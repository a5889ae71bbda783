using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.Diagnostics;

namespace Orchestrator.Hosting;

/// <summary>
/// The container's <see cref="IOrchestrator"/>: the runtime that the hosted warm-up builds, with
/// readiness for probes. Requests that arrive during warm-up wait for it; after a failed warm-up
/// they fail with the reason. Every answered request is recorded on the "Orchestrator" meter.
/// </summary>
public sealed class HostedOrchestrator : IOrchestrator, IAsyncDisposable
{
    private readonly TaskCompletionSource<OrchestratorRuntime> _runtime = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly OrchestratorComponents? _components;
    private readonly OrchestratorMetrics _metrics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly bool _ownsRuntime = true;
    private readonly State.DependencyMetrics? _dependencyMetrics;
    private int _started;

    internal HostedOrchestrator(OrchestratorComponents components, OrchestratorMetrics metrics, ILoggerFactory loggerFactory, TimeProvider timeProvider, State.DependencyMetrics? dependencyMetrics = null)
    {
        _components = components;
        _dependencyMetrics = dependencyMetrics;
        _metrics = metrics;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<HostedOrchestrator>();
    }

    /// <summary>Over a runtime that is already started (tests, benchmarks): ready at once, and the caller keeps owning the runtime.</summary>
    internal HostedOrchestrator(OrchestratorRuntime runtime, OrchestratorMetrics metrics, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _metrics = metrics;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<HostedOrchestrator>();
        _started = 1;
        _ownsRuntime = false;
        _runtime.SetResult(runtime);
    }

    /// <summary>
    /// The loaded, validated configuration (agents, <c>server:</c>, <c>telemetry:</c>), available
    /// before the warm-up finishes. Throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
    /// when the configuration is invalid.
    /// </summary>
    public OrchestratorConfig Config => _components?.Config ?? _runtime.Task.Result.Config;

    /// <summary>True once the warm-up finished and requests are answered without waiting.</summary>
    public bool IsReady => _runtime.Task.IsCompletedSuccessfully;

    /// <summary>Why the warm-up failed, or null.</summary>
    public string? StartupFailure => _runtime.Task.IsFaulted ? _runtime.Task.Exception!.GetBaseException().Message : null;

    /// <summary>The warmed-up runtime (configuration, store, models, pipeline); waits for the warm-up.</summary>
    /// <summary>The host's dependency series (Redis, Qdrant) that the runtime and the HTTP API's own Redis store report to.</summary>
    internal State.DependencyMetrics? DependencyMetrics => _dependencyMetrics;

    public Task<OrchestratorRuntime> GetRuntimeAsync(CancellationToken cancellationToken = default) => _runtime.Task.WaitAsync(cancellationToken);

    public async Task<OrchestratorResponse> AskAsync(OrchestratorRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runtime = await GetRuntimeAsync(cancellationToken).ConfigureAwait(false);
        var response = await runtime.Pipeline.AskAsync(request, cancellationToken).ConfigureAwait(false);
        _metrics.Record(response);
        return response;
    }

    public async IAsyncEnumerable<PipelineStreamEvent> StreamAsync(OrchestratorRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runtime = await GetRuntimeAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var update in runtime.Pipeline.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (update is StreamCompleted completed)
            {
                _metrics.Record(completed.Response);
            }

            yield return update;
        }
    }

    /// <summary>Builds the runtime once (ingest, router fit, models); later calls return the same task.</summary>
    internal Task WarmUpAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return _runtime.Task;
        }

        return Task.Run(() => RunWarmUpAsync(cancellationToken), CancellationToken.None);
    }

    private async Task RunWarmUpAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var components = _components!;
            var config = components.Config;
            foreach (var warning in _logger.IsEnabled(LogLevel.Warning) ? components.Load().Warnings : [])
            {
                HostingLog.ConfigWarning(_logger, warning.ToString());
            }

            var options = components.RuntimeOptions(new RuntimeOptions
            {
                LoggerFactory = _loggerFactory,
                TimeProvider = _timeProvider,
                Status = new LogProgress(_logger),
                DependencyMetrics = _dependencyMetrics,
            });
            var runtime = await OrchestratorRuntime.StartAsync(config, options, cancellationToken).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            HostingLog.Ready(_logger, seconds, config.Agents.Count, config.ConfigFile);
            _runtime.TrySetResult(runtime);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _runtime.TrySetCanceled(cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            HostingLog.WarmUpFailed(_logger, ex);
            _runtime.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsRuntime && _runtime.Task.IsCompletedSuccessfully)
        {
            await _runtime.Task.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Warm-up steps ("fitting router", ...) go to the host's log instead of a console.</summary>
    private sealed class LogProgress(ILogger logger) : IProgress<string>
    {
        public void Report(string value) => HostingLog.WarmUpStep(logger, value);
    }
}
