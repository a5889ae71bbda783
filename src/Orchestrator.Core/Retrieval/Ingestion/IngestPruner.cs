using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Retrieval.Ingestion;

/// <summary>
/// After an ingest has written its files: removes the stored documents that were ingested from under
/// one of its folders and were not found there now, so the store mirrors the folder (a deleted file's
/// passages are no longer quoted; a renamed file is one removal and one addition). Only documents
/// under the ingested folders are candidates. Nothing is removed under a path that is missing or
/// could not be read, nor, unless <see cref="IngestOptions.PruneWhenAllGone"/>, from a folder in which
/// every document is gone at once, which is what an unmounted share looks like: those are reported.
/// </summary>
internal sealed class IngestPruner(IVectorStore store, string root, Func<string, string> sourceName, bool pruneWhenAllGone)
{
    /// <param name="seen">Sources of every file this ingest found, whether it was written, unchanged or skipped.</param>
    /// <param name="missing">Full paths the ingest was given that do not exist.</param>
    /// <param name="files">Full paths of single files the ingest was given.</param>
    public async Task<(List<string> Removed, List<PruneRefusal> Refused, List<string> Outside)> PruneAsync(
        string collection, IReadOnlyList<FolderWalk> walks, IReadOnlySet<string> seen, IReadOnlyList<string> missing, IReadOnlySet<string> files,
        CancellationToken cancellationToken)
    {
        var stored = (await store.ListSourcesAsync(collection, cancellationToken).ConfigureAwait(false))
            .Select(s => (s.Source, Full: FullPathOf(s.Source)))
            .ToList();
        var refused = new List<PruneRefusal>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var gone = new Dictionary<string, FolderWalk>(StringComparer.Ordinal);
        foreach (var walk in walks)
        {
            var under = Under(stored, walk.Folder);
            foreach (var (folder, reason) in walk.Unreadable)
            {
                Keep(refused, kept, Under(under, folder), folder, $"the folder could not be read ({reason})", allGone: false);
            }

            var candidates = under.Where(s => !kept.Contains(s.Source)).ToList();
            var missingHere = candidates.Where(s => !seen.Contains(s.Source)).ToList();
            if (missingHere.Count > 0 && missingHere.Count == candidates.Count && !pruneWhenAllGone)
            {
                Keep(refused, kept, candidates, walk.Folder, "none of its stored documents was found (an unmounted share or a folder emptied by mistake looks like this)", allGone: true);
                continue;
            }

            foreach (var (source, _) in missingHere)
            {
                gone.TryAdd(source, walk);
            }
        }

        foreach (var path in missing)
        {
            Keep(refused, kept, Under(stored, path), path, "the path does not exist", allGone: false);
        }

        var removed = gone.Keys.Where(s => !kept.Contains(s)).Order(StringComparer.Ordinal).ToList();
        if (removed.Count > 0)
        {
            try
            {
                await store.RemoveDocumentsAsync(collection, removed, cancellationToken).ConfigureAwait(false);
            }
            catch (NotSupportedException ex)
            {
                foreach (var group in removed.GroupBy(s => gone[s].Folder, StringComparer.Ordinal))
                {
                    refused.Add(new PruneRefusal(sourceName(group.Key), ex.Message, group.Count(), EveryDocumentGone: false));
                }

                removed = [];
            }
        }

        var outside = stored
            .Where(s => s.Full is null || !(walks.Any(w => FolderWalk.IsUnderOrSame(s.Full, w.Folder)) || missing.Any(m => FolderWalk.IsUnderOrSame(s.Full, m)) || files.Contains(s.Full)))
            .Select(s => s.Source)
            .ToList();
        return (removed, refused, outside);
    }

    private static List<(string Source, string? Full)> Under(IEnumerable<(string Source, string? Full)> stored, string folder) =>
        stored.Where(s => s.Full is not null && FolderWalk.IsUnderOrSame(s.Full, folder)).ToList();

    private void Keep(List<PruneRefusal> refused, HashSet<string> kept, List<(string Source, string? Full)> documents, string path, string reason, bool allGone)
    {
        if (documents.Count == 0)
        {
            return;
        }

        kept.UnionWith(documents.Select(d => d.Source));
        refused.Add(new PruneRefusal(sourceName(path), $"{reason}; its {documents.Count} stored document(s) were kept", documents.Count, allGone));
    }

    /// <summary>Where a stored source's file would be: sources are relative to the ingest root, or full paths outside it.</summary>
    private string? FullPathOf(string source)
    {
        try
        {
            return Path.GetFullPath(Path.IsPathRooted(source) ? source : Path.Combine(root, source));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // Not a path (an in-memory document's name): never under an ingested folder.
            return null;
        }
    }
}
