using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Caching;

/// <summary>
/// A short fingerprint of each collection's contents (every source and its SHA-256), so answers
/// cached before a re-ingest stop matching after it. It is re-read at most every
/// <c>revalidate</c> interval, which also notices an <c>ingest</c> run by another process.
/// </summary>
internal sealed class CollectionVersions(IVectorStore store, TimeSpan revalidate, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (string Version, long ReadAt)> _versions = new(StringComparer.Ordinal);

    public async ValueTask<string> CurrentAsync(string collection, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(collection, out var known) && time.GetElapsedTime(known.ReadAt) < revalidate)
        {
            return known.Version;
        }

        var readAt = time.GetTimestamp();
        var sources = await store.ListSourcesAsync(collection, cancellationToken).ConfigureAwait(false);
        var text = string.Join('\n', sources.OrderBy(s => s.Source, StringComparer.Ordinal).Select(s => $"{s.Source}\t{s.ContentSha256}\t{s.Chunks}"));
        var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
        _versions[collection] = (version, readAt);
        return version;
    }

    /// <summary>Forgets what is known, so the next lookup re-reads the store (after an ingest in this process).</summary>
    public void Invalidate() => _versions.Clear();
}
