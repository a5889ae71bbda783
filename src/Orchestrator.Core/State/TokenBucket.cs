namespace Orchestrator.State;

/// <summary>A token bucket: <see cref="Capacity"/> requests at once, one more every <see cref="RefillEvery"/>.</summary>
public sealed record TokenBucket(int Capacity, TimeSpan RefillEvery)
{
    /// <summary>A bucket of <paramref name="burst"/> refilled at <paramref name="perMinute"/>.</summary>
    public static TokenBucket PerMinute(int perMinute, int burst) => new(burst, TimeSpan.FromMinutes(1) / perMinute);
}
