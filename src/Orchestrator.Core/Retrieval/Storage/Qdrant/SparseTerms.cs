using System.Text;

namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// BM25 on Qdrant: documents carry sparse vectors of saturated term frequencies, keyed by a stable
/// 32-bit hash of each term, and the collection's sparse vector uses Qdrant's IDF modifier, so the
/// server's dot product with a query of 1.0 per term is the BM25 score. Terms are split exactly as
/// for SQLite's FTS (<see cref="FtsQuery.Terms"/>), without its Porter stemming.
/// </summary>
public static class SparseTerms
{
    // BM25's usual constants. Qdrant does not know document lengths, so length normalisation uses
    // a fixed average chunk length instead of the collection's true average.
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double AverageTerms = 100;
    private const int MaxQueryTerms = 32;

    /// <summary>The document's sparse vector: indices ascending and unique, weights positive.</summary>
    public static (float[] Values, uint[] Indices) ForDocument(string text)
    {
        var terms = FtsQuery.Terms(text);
        var counts = new SortedDictionary<uint, int>();
        foreach (var term in terms)
        {
            var index = Index(term);
            counts[index] = counts.GetValueOrDefault(index) + 1;
        }

        var norm = K1 * (1 - B + (B * terms.Count / AverageTerms));
        return (counts.Values.Select(tf => (float)(tf * (K1 + 1) / (tf + norm))).ToArray(), counts.Keys.ToArray());
    }

    /// <summary>The query's sparse vector (1.0 per distinct term), or null when the text has no searchable words.</summary>
    public static (float[] Values, uint[] Indices)? ForQuery(string text)
    {
        var indices = FtsQuery.Terms(text).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).Select(Index).Distinct().Order().ToArray();
        return indices.Length == 0 ? null : (Enumerable.Repeat(1f, indices.Length).ToArray(), indices);
    }

    /// <summary>FNV-1a over the UTF-8 bytes: stable across processes and versions, unlike string.GetHashCode.</summary>
    public static uint Index(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(term))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
