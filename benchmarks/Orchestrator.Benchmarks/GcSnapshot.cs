namespace Orchestrator.Benchmarks;

/// <summary>
/// The process's garbage-collection counters at one moment; the difference of two brackets a load
/// level. A full (gen 2) collection walks the whole heap of a service that holds the model and the
/// stores, and each one also runs the array pools' trimming on the finalizer thread, so how often
/// they happen per request is worth reporting beside CPU per request.
/// </summary>
internal readonly record struct GcSnapshot(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Pause)
{
    public static GcSnapshot Take() => new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcSnapshot operator -(GcSnapshot after, GcSnapshot before) =>
        new(after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Pause - before.Pause);

    public object PerRequest(int requests)
    {
        var n = Math.Max(1, requests);
        return new
        {
            allocated_kb_per_request = Math.Round(AllocatedBytes / 1024.0 / n, 1),
            gen0 = Gen0,
            gen1 = Gen1,
            gen2 = Gen2,
            pause_ms_per_request = Math.Round(Pause.TotalMilliseconds / n, 2),
        };
    }
}
