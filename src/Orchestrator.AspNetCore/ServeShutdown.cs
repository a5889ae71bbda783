using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orchestrator.AspNetCore;

/// <summary>
/// The API's part in a graceful stop (SIGTERM): <c>/readyz</c> answers 503 from the moment the host is
/// told to stop; for <c>server.drain_seconds</c> the server then keeps serving, so a load balancer that
/// polls readiness stops sending before new connections are refused; then the host stops the server,
/// which waits for in-flight requests up to its shutdown timeout. Both ends are logged, with the requests
/// still running, so an operator can tell a clean stop from one that cut requests off.
/// </summary>
internal sealed partial class ServeShutdown(IServiceProvider services, ServeTraffic traffic, TimeProvider time, ILogger<ServeShutdown> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        traffic.MarkStopping();
        var drain = Drain();
        Stopping(logger, traffic.InFlight, drain.TotalSeconds);
        if (drain <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(drain, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ended the drain early; stopping goes on.
        }
    }

    /// <summary>
    /// Resolved at the stop, not in the constructor; a configuration that did not load (a host told to stop after its
    /// start failed) has nothing to drain and must not make the stop throw.
    /// </summary>
    private TimeSpan Drain()
    {
        try
        {
            return TimeSpan.FromSeconds(services.GetRequiredService<ServeSettings>().Server.DrainSeconds);
        }
        catch (OptionsValidationException)
        {
            return TimeSpan.Zero;
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var left = traffic.InFlight + traffic.AbortedWhileStopping;
        if (left > 0)
        {
            CutOff(logger, left);
        }
        else
        {
            Stopped(logger);
        }

        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6030, Level = LogLevel.Information, Message = "stopping: /readyz now answers 503; {InFlight} request(s) in flight; serving {DrainSeconds} s more (server.drain_seconds) before new connections are refused")]
    private static partial void Stopping(ILogger logger, int inFlight, double drainSeconds);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information, Message = "stopped: every request in flight was answered")]
    private static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 6032, Level = LogLevel.Warning, Message = "stopped with {InFlight} request(s) unanswered: their connections were closed during the stop (the host's shutdown timeout ended, or the client left); if the timeout cut them off, raise it (DOTNET_SHUTDOWNTIMEOUTSECONDS) above escalation.timeout_seconds")]
    private static partial void CutOff(ILogger logger, int inFlight);
}
