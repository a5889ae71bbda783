namespace Orchestrator.Retrieval.Storage;

/// <summary>
/// Reciprocal rank fusion (Cormack et al., 2009): score(d) = sum over rankings of 1 / (k + rank(d)).
/// It combines the dense and BM25 rankings without calibrating their incomparable raw scores;
/// k = 60 is the value from the paper and damps the influence of any single top rank.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    /// <summary>Fuses rankings (each best-first) into one list of (key, score), best first; ties keep first-seen order.</summary>
    public static IReadOnlyList<(T Key, double Score)> Fuse<T>(IEnumerable<IReadOnlyList<T>> rankings, int k = DefaultK)
        where T : notnull
    {
        var scores = new Dictionary<T, double>();
        var firstSeen = new Dictionary<T, int>();
        foreach (var ranking in rankings)
        {
            for (var i = 0; i < ranking.Count; i++)
            {
                var key = ranking[i];
                scores[key] = scores.GetValueOrDefault(key) + (1.0 / (k + i + 1));
                firstSeen.TryAdd(key, firstSeen.Count);
            }
        }

        return scores
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => firstSeen[kv.Key])
            .Select(kv => (kv.Key, kv.Value))
            .ToList();
    }
}
