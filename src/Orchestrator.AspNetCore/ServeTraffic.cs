namespace Orchestrator.AspNetCore;

/// <summary>
/// API requests (<c>/v1</c>, streams included) being answered now, and whether the host is stopping:
/// what <c>/readyz</c> and a graceful stop (<see cref="ServeShutdown"/>) go by.
/// </summary>
internal sealed class ServeTraffic
{
    private int _inFlight;
    private int _stopping;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Set when the stop begins, before the drain; the host's own stopping token is not relied on to come first.</summary>
    public bool IsStopping => Volatile.Read(ref _stopping) == 1;

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    public void MarkStopping() => Volatile.Write(ref _stopping, 1);
}
