namespace Orchestrator.Caching;

/// <summary>Where cached answers live: in process by default (<see cref="MemoryAnswerCacheStore"/>).</summary>
internal interface IAnswerCacheStore
{
    ValueTask<CachedAnswer?> GetExactAsync(string exactKey, DateTimeOffset nowUtc, CancellationToken cancellationToken);

    /// <summary>The entry of <paramref name="scope"/> whose vector is most similar to <paramref name="vector"/>, if any reaches <paramref name="threshold"/>.</summary>
    ValueTask<(CachedAnswer Entry, double Similarity)?> FindSimilarAsync(string scope, float[] vector, double threshold, DateTimeOffset nowUtc, CancellationToken cancellationToken);

    ValueTask SetAsync(CachedAnswer entry, CancellationToken cancellationToken);
}
