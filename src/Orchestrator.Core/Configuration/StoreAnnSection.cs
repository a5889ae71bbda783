namespace Orchestrator.Configuration;

/// <summary>Reads <c>store.ann</c>: <c>enabled</c>, <c>min_chunks</c>, <c>expansion_search</c>.</summary>
internal static class StoreAnnSection
{
    /// <summary>Mirrors <c>AnnIndexOptions.MaxExpansionSearch</c> (the Retrieval layer is above this one).</summary>
    internal const int MaxExpansionSearch = 4096;

    internal const int MaxMinChunks = 1_000_000_000;

    public static StoreAnnConfig Read(YamlFields store)
    {
        var section = store.Map("ann", ["enabled", "min_chunks", "expansion_search"]);
        if (section is null)
        {
            return new StoreAnnConfig();
        }

        var defaults = new StoreAnnConfig();
        return new StoreAnnConfig
        {
            Enabled = section.Boolean("enabled") ?? defaults.Enabled,
            MinChunks = (int)(section.Integer("min_chunks", 1, MaxMinChunks) ?? defaults.MinChunks),
            ExpansionSearch = (int)(section.Integer("expansion_search", 1, MaxExpansionSearch) ?? defaults.ExpansionSearch),
        };
    }
}
