namespace Orchestrator.TextUnits;

/// <summary>Finds the vectors a passage carries from ingest by the exact text of a unit.</summary>
internal static class StoredVectors
{
    /// <summary>The passage's stored vectors by text; empty when it has none (a store written before they were kept, or a tool result).</summary>
    public static IReadOnlyDictionary<string, float[]> Of(Passage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        if (passage.SentenceVectors is not { Count: > 0 } stored)
        {
            return Empty;
        }

        var byText = new Dictionary<string, float[]>(stored.Count, StringComparer.Ordinal);
        foreach (var unit in stored)
        {
            byText.TryAdd(unit.Text, unit.Vector);
        }

        return byText;
    }

    private static readonly Dictionary<string, float[]> Empty = new(StringComparer.Ordinal);
}
