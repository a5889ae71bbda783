using System.Runtime.CompilerServices;

namespace Orchestrator.TextUnits;

/// <summary>Finds the vectors a passage carries from ingest by the exact text of a unit.</summary>
internal static class StoredVectors
{
    // The store hands out the same decoded vector list for a chunk while its generation lasts, and the
    // scorer and the guardian each look a passage up (the guardian twice): the lookup is built once per
    // list and kept beside it, not per call (docs/benchmarks.md "perf18").
    private static readonly ConditionalWeakTable<IReadOnlyList<SentenceVector>, IReadOnlyDictionary<string, float[]>> ByList = new();

    /// <summary>The passage's stored vectors by text; empty when it has none (a store written before they were kept, or a tool result). Shared: read only.</summary>
    public static IReadOnlyDictionary<string, float[]> Of(Passage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        if (passage.SentenceVectors is not { Count: > 0 } stored)
        {
            return Empty;
        }

        return ByList.GetValue(stored, Build);
    }

    private static Dictionary<string, float[]> Build(IReadOnlyList<SentenceVector> stored)
    {
        var byText = new Dictionary<string, float[]>(stored.Count, StringComparer.Ordinal);
        foreach (var unit in stored)
        {
            byText.TryAdd(unit.Text, unit.Vector);
        }

        return byText;
    }

    private static readonly Dictionary<string, float[]> Empty = new(StringComparer.Ordinal);
}
