using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestrator.Configuration;
using Orchestrator.Retrieval.Ingestion;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Hosting;

/// <summary>
/// What the runtime ingests at start: a configured collection that is empty, and one whose documents
/// were embedded by another model than the configured embedder (a changed <c>quantization:</c>, for
/// example, or a store written before the embedder was recorded). The second case re-ingests the
/// configured paths, which re-embeds exactly those documents (<see cref="VectorFingerprint"/>), so
/// query vectors are never compared with another model's vectors without notice. Documents of
/// another model that the configured paths do not cover are reported, not guessed at. A first ingest
/// that was cut short (<see cref="FirstIngestMarker"/>) is finished at the next start.
/// </summary>
internal static class StartupIngestion
{
    public static async Task RunAsync(OrchestratorConfig config, IVectorStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, RuntimeOptions options, CancellationToken cancellationToken)
    {
        var embedderId = VectorFingerprint.EmbedderId(embedder);
        var logger = options.LoggerFactory.CreateLogger(typeof(OrchestratorRuntime));
        foreach (var collection in config.Collections.Values)
        {
            var paths = collection.Paths.Select(config.ResolvePath).ToList();
            var ingestor = new DocumentIngestor(store, embedder, config.BaseDirectory, new IngestOptions { Prune = collection.Prune });
            var firstIngest = new FirstIngestMarker(config, collection.Name, logger);
            var empty = await store.CountAsync(collection.Name, cancellationToken).ConfigureAwait(false) == 0;
            if (empty || firstIngest.Exists)
            {
                if (paths.Count > 0)
                {
                    options.Status?.Report(empty
                        ? $"ingesting collection '{collection.Name}' for the first time"
                        : $"finishing the first ingest of collection '{collection.Name}', which was interrupted");
                    firstIngest.Set();
                    await ingestor.IngestAsync(collection.Name, paths, options.IngestProgress, cancellationToken).ConfigureAwait(false);
                }

                firstIngest.Clear();
                continue;
            }

            var other = await VectorFingerprint.OtherEmbedderSourcesAsync(store, collection.Name, embedderId, cancellationToken).ConfigureAwait(false);
            if (other.Count == 0)
            {
                continue;
            }

            if (paths.Count > 0)
            {
                options.Status?.Report($"re-embedding collection '{collection.Name}': {Describe(other, embedderId)}");
                var report = await ingestor.IngestAsync(collection.Name, paths, options.IngestProgress, cancellationToken).ConfigureAwait(false);
                ReportPruning(collection.Name, report, options, logger);
                other = await VectorFingerprint.OtherEmbedderSourcesAsync(store, collection.Name, embedderId, cancellationToken).ConfigureAwait(false);
            }

            if (other.Count > 0)
            {
                var warning = $"collection '{collection.Name}': {Describe(other, embedderId)}, outside its configured paths " +
                    $"(first: {other[0].Source}); searches compare them with the current model's vectors. " +
                    $"Re-embed them with `orchestrator ingest --collection {collection.Name} <their files>`, or set the embedder back.";
                options.Status?.Report("warning: " + warning);
                HostingLog.ConfigWarning(logger, warning);
            }
        }
    }

    /// <summary>Removed documents are news; documents kept where files were not found are a warning naming the path.</summary>
    private static void ReportPruning(string collection, IngestReport report, RuntimeOptions options, ILogger logger)
    {
        if (report.FilesRemoved.Count > 0)
        {
            options.Status?.Report($"collection '{collection}': removed {report.FilesRemoved.Count} document(s) whose files are gone (first: {report.FilesRemoved[0]})");
        }

        foreach (var refusal in report.NotPruned)
        {
            var warning = $"collection '{collection}': not pruned under {refusal.Path}: {refusal.Reason}";
            options.Status?.Report("warning: " + warning);
            HostingLog.ConfigWarning(logger, warning);
        }
    }

    private static string Describe(IReadOnlyList<SourceInfo> other, string? embedderId)
    {
        var models = other.Select(s => VectorFingerprint.EmbedderOf(s.ContentSha256) ?? "an unrecorded model").Distinct(StringComparer.Ordinal);
        return $"{other.Count} document(s) were embedded by {string.Join(", ", models)}, not by the configured {embedderId ?? "embedder"}";
    }
}
