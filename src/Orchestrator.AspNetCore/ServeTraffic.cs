namespace Orchestrator.AspNetCore;

/// <summary>
/// API requests (<c>/v1</c>, streams included) being answered now, and whether the host is stopping:
/// what <c>/readyz</c> and a graceful stop (<see cref="ServeShutdown"/>) go by.
/// </summary>
internal sealed class ServeTraffic
{
    private int _inFlight;
    private int _stopping;
    private int _abortedWhileStopping;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Set when the stop begins, before the drain; the host's own stopping token is not relied on to come first.</summary>
    public bool IsStopping => Volatile.Read(ref _stopping) == 1;

    /// <summary>
    /// Requests whose connection was closed under them after the stop began: the shutdown timeout aborted them
    /// (or their client left). Counted as they unwind, which is before the host reports itself stopped.
    /// </summary>
    public int AbortedWhileStopping => Volatile.Read(ref _abortedWhileStopping);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave(bool aborted)
    {
        if (aborted && IsStopping)
        {
            Interlocked.Increment(ref _abortedWhileStopping);
        }

        Interlocked.Decrement(ref _inFlight);
    }

    public void MarkStopping() => Volatile.Write(ref _stopping, 1);
}
