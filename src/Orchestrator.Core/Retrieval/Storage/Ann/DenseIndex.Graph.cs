namespace Orchestrator.Retrieval.Storage;

internal sealed partial class DenseIndex
{
    /// <summary>
    /// Answers <see cref="Top"/> from <paramref name="graph"/> from now on; false (and the graph is
    /// disposed) when this index was already replaced by a newer generation, or has a graph.
    /// </summary>
    public bool TryAttach(AnnGraph graph, int expansionSearch)
    {
        lock (_graphGate)
        {
            if (_retired || _graph is not null || graph.Count != Count)
            {
                graph.Dispose();
                return false;
            }

            _expansionSearch = expansionSearch;
            Volatile.Write(ref _graph, graph);
            return true;
        }
    }

    /// <summary>Replaced by a newer generation (or the store closed): not worth a graph any more.</summary>
    public bool IsRetired
    {
        get
        {
            lock (_graphGate)
            {
                return _retired;
            }
        }
    }

    /// <summary>This generation is no longer the store's: its graph is freed once running searches return.</summary>
    public void Dispose()
    {
        lock (_graphGate)
        {
            _retired = true;
            _graph?.Dispose();
            Volatile.Write(ref _graph, null);
        }
    }

    /// <summary>
    /// The graph's candidates re-scored with the exact dot products, best <paramref name="limit"/>
    /// first in the same order as the exact scan (score, then lower key). Null when the graph cannot
    /// answer in full (freed meanwhile, fewer candidates than asked for survive a source filter):
    /// the exact scan answers then, so a search never gets fewer rows than it would without a graph.
    /// </summary>
    private long[]? TopFromGraph(AnnGraph graph, ReadOnlySpan<float> query, int limit, IReadOnlyCollection<string>? sources)
    {
        if (!graph.TryAcquire())
        {
            return null;
        }

        ulong[] found;
        var asked = Math.Min(Count, Math.Max(sources is null ? limit : limit * 8, Volatile.Read(ref _expansionSearch)));
        try
        {
            found = graph.Search(query.ToArray(), asked);
        }
        catch (Cloud.Unum.USearch.USearchException)
        {
            return null; // the library refused this query; the exact scan still can answer it
        }
        finally
        {
            graph.Release();
        }

        var scored = new List<(float Score, long Key)>(found.Length);
        foreach (var raw in found)
        {
            var key = (long)raw;
            if (!_rowByKey.TryGetValue(key, out var row))
            {
                return null; // not this generation's graph after all; never answer from it
            }

            if (sources is null || sources.Contains(Sources[row]))
            {
                scored.Add((Similarity(row, query), key));
            }
        }

        // Short of rows: fine only when the graph returned every row, so the filter really leaves fewer.
        if (scored.Count < limit && (asked < Count || found.Length < Count))
        {
            return null;
        }

        scored.Sort(static (x, y) => BestFirst(x, y));
        return [.. scored.Take(limit).Select(s => s.Key)];
    }

    /// <summary>The exact scan's order: higher score first (NaN last), then lower key.</summary>
    private static int BestFirst((float Score, long Key) x, (float Score, long Key) y) => -WorstFirst.Instance.Compare(x, y);
}
