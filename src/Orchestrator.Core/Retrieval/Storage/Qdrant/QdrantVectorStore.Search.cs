using Orchestrator.Models;
using Qdrant.Client.Grpc;

namespace Orchestrator.Retrieval.Storage;

public sealed partial class QdrantVectorStore
{
    /// <summary>
    /// Two Query API calls, dense and sparse (BM25), fused here by the same reciprocal rank fusion as
    /// the SQLite store. Qdrant's server-side <c>Fusion.Rrf</c> would save a round trip, but it returns
    /// only the fused score, and callers need each chunk's cosine similarity and per-ranking ranks.
    /// </summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string collection, HybridQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<SearchHit>>("search", [], async () =>
        {
            ArgumentNullException.ThrowIfNull(query);
            ArgumentOutOfRangeException.ThrowIfLessThan(query.TopK, 1);
            var name = Name(collection);
            if (QdrantPoints.ChunkFilter(query.SourceFilter) is not { } filter)
            {
                return [];
            }

            var candidates = (ulong)Math.Max(MinCandidates, query.TopK * 4);
            var denseTask = _client.QueryAsync(name, query.Vector, usingVector: QdrantPoints.DenseVector, filter: filter, limit: candidates,
                payloadSelector: QdrantPoints.AllButUnits(), cancellationToken: cancellationToken);
            var sparse = SparseTerms.ForQuery(query.Text);
            var keywordTask = sparse is { } terms
                ? _client.QueryAsync(name, terms, usingVector: QdrantPoints.SparseVector, filter: filter, limit: candidates,
                    payloadSelector: QdrantPoints.AllButUnits(), vectorsSelector: new[] { QdrantPoints.DenseVector }, cancellationToken: cancellationToken)
                : Task.FromResult<IReadOnlyList<ScoredPoint>>([]);
            var dense = await denseTask.ConfigureAwait(false);
            var keyword = await keywordTask.ConfigureAwait(false);
            var hits = Fuse(dense, keyword, query);
            return await WithSentenceVectorsAsync(name, hits, dense.Concat(keyword), cancellationToken).ConfigureAwait(false);
        });

    /// <summary>
    /// Fetches the sentence vectors of the final hits only (a few KB each), rather than of every
    /// candidate both rankings return: one more round trip, far fewer bytes.
    /// </summary>
    private async Task<IReadOnlyList<SearchHit>> WithSentenceVectorsAsync(string name, IReadOnlyList<SearchHit> hits, IEnumerable<ScoredPoint> candidates, CancellationToken cancellationToken)
    {
        if (hits.Count == 0)
        {
            return hits;
        }

        var wanted = hits.Select(h => h.Passage.ChunkId).ToHashSet(StringComparer.Ordinal);
        var ids = candidates.Where(p => wanted.Contains(QdrantPoints.String(p.Payload, QdrantPoints.ChunkId))).Select(p => p.Id).DistinctBy(id => id.ToString()).ToList();
        var points = await _client.RetrieveAsync(name, ids, payloadSelector: new[] { QdrantPoints.ChunkId, QdrantPoints.Units }, vectorSelector: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        var units = new Dictionary<string, IReadOnlyList<SentenceVector>>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (point.Payload.TryGetValue(QdrantPoints.ChunkId, out var chunkId) && QdrantPoints.ReadUnits(point.Payload) is { } read)
            {
                units.TryAdd(chunkId.StringValue, read);
            }
        }

        return hits.Select(h => units.TryGetValue(h.Passage.ChunkId, out var u) ? h with { Passage = h.Passage with { SentenceVectors = u } } : h).ToList();
    }

    /// <summary>Fuses the two rankings; pure, so it is unit-tested without a server.</summary>
    internal static IReadOnlyList<SearchHit> Fuse(IReadOnlyList<ScoredPoint> dense, IReadOnlyList<ScoredPoint> keyword, HybridQuery query)
    {
        var denseIds = dense.Select(p => p.Id.ToString()).ToList();
        var keywordIds = keyword.Select(p => p.Id.ToString()).ToList();
        var points = new Dictionary<string, ScoredPoint>(StringComparer.Ordinal);
        foreach (var point in keyword.Concat(dense))
        {
            points[point.Id.ToString()] = point;
        }

        var denseScores = dense.ToDictionary(p => p.Id.ToString(), p => (double)p.Score, StringComparer.Ordinal);
        return ReciprocalRankFusion.Fuse([denseIds, keywordIds]).Take(query.TopK).Select(f => new SearchHit(
            QdrantPoints.ReadPassage(points[f.Key].Payload, f.Score),
            denseScores.TryGetValue(f.Key, out var similarity) ? similarity : Similarity(points[f.Key], query.Vector),
            Rank(denseIds, f.Key),
            Rank(keywordIds, f.Key))).ToList();
    }

    /// <summary>Cosine of a keyword-only hit: Qdrant stores cosine vectors normalised, and the query is unit length.</summary>
    private static double Similarity(ScoredPoint point, float[] query) =>
        QdrantPoints.ReadDense(point.Vectors) is { } vector && vector.Length == query.Length ? VectorMath.Dot(vector, query) : 0;

    private static int? Rank(List<string> ranking, string key)
    {
        var index = ranking.IndexOf(key);
        return index < 0 ? null : index + 1;
    }
}
