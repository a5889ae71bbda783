namespace Orchestrator.Configuration;

/// <summary>Reads <c>cache:</c>.</summary>
internal static class CacheSection
{
    /// <summary>Reads the section; <paramref name="state"/> (read before) picks the default store and must name Redis for <c>store: redis</c>.</summary>
    public static CacheConfig Read(YamlFields root, StateConfig state)
    {
        var redisState = state.Provider == StateProviders.Redis;
        var section = root.Map("cache", ["enabled", "similarity", "max_entries", "ttl_seconds", "revalidate_seconds", "store"]);
        if (section is null)
        {
            return new CacheConfig { Store = redisState ? CacheStores.Redis : CacheStores.Memory };
        }

        var defaults = new CacheConfig();
        var similarity = section.Number("similarity", 0);
        if (similarity is > 1.01)
        {
            root.Diagnostics.Warning(root.File, section.KeyAt("similarity"), "cache.similarity above 1 turns near-duplicate hits off; only identical questions will hit");
        }

        var store = section.Choice("store", CacheStores.All);
        if (store is { Value: CacheStores.Redis } redis && !redisState)
        {
            section.Error(redis.At, "cache.store is redis but state.provider is not redis; configure the server under state: (provider: redis, connection_env: ORCHESTRATOR_REDIS) or write store: memory");
        }

        return new CacheConfig
        {
            Store = store?.Value ?? (redisState ? CacheStores.Redis : CacheStores.Memory),
            Enabled = section.Boolean("enabled") ?? defaults.Enabled,
            Similarity = similarity ?? defaults.Similarity,
            MaxEntries = (int)(section.Integer("max_entries", 1, 10_000_000) ?? defaults.MaxEntries),
            TtlSeconds = (int)(section.Integer("ttl_seconds", 1, 365L * 24 * 3600) ?? defaults.TtlSeconds),
            RevalidateSeconds = (int)(section.Integer("revalidate_seconds", 0, 24 * 3600) ?? defaults.RevalidateSeconds),
        };
    }
}
