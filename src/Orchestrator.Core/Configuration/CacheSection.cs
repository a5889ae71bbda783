namespace Orchestrator.Configuration;

/// <summary>Reads <c>cache:</c>.</summary>
internal static class CacheSection
{
    public static CacheConfig Read(YamlFields root)
    {
        var section = root.Map("cache", ["enabled", "similarity", "max_entries", "ttl_seconds", "revalidate_seconds"]);
        if (section is null)
        {
            return new CacheConfig();
        }

        var defaults = new CacheConfig();
        var similarity = section.Number("similarity", 0);
        if (similarity is > 1.01)
        {
            root.Diagnostics.Warning(root.File, section.KeyAt("similarity"), "cache.similarity above 1 turns near-duplicate hits off; only identical questions will hit");
        }

        return new CacheConfig
        {
            Enabled = section.Boolean("enabled") ?? defaults.Enabled,
            Similarity = similarity ?? defaults.Similarity,
            MaxEntries = (int)(section.Integer("max_entries", 1, 10_000_000) ?? defaults.MaxEntries),
            TtlSeconds = (int)(section.Integer("ttl_seconds", 1, 365L * 24 * 3600) ?? defaults.TtlSeconds),
            RevalidateSeconds = (int)(section.Integer("revalidate_seconds", 0, 24 * 3600) ?? defaults.RevalidateSeconds),
        };
    }
}
