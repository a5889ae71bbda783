namespace Orchestrator.Configuration;

/// <summary>The values of <c>cache.store</c>: where cached answers live.</summary>
public static class CacheStores
{
    /// <summary>This process's memory: each replica caches its own answers.</summary>
    public const string Memory = "memory";

    /// <summary>The <c>state:</c> Redis server, shared by every replica.</summary>
    public const string Redis = "redis";

    public static readonly IReadOnlyList<string> All = [Memory, Redis];
}
