using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>scale --sizes 10000 --queries 50 --ann 64,128,256 [--vectors random|real] [--vector-cache file]</c>:
/// the store's HNSW graph (<c>store.ann</c>) against its exact scan on the same file, in the same
/// process, queries alternating between the two so machine load falls on both alike. Per
/// <c>expansion_search</c>: recall@10 of the dense ranking (query text matching no chunk, so the
/// hits are the dense top 10) against the exact scan's, query p50 of both and their ratio, for
/// dense-only and for hybrid (6-word text) queries. Per size: graph build time (the first warm-up
/// builds and saves it; later ones load the file), file size, and RSS growth of a store with the
/// graph over one without. <c>--vectors real</c> uses cached MiniLM vectors of CLINC150 and
/// Banking77 utterances (<see cref="RealVectors"/>): the corpus is the first N, the queries the last ones.
/// </summary>
internal static partial class ScaleRun
{
    private const string NoMatchText = "qqqzzyx";

    private static async Task<int> RunAnnAsync(IReadOnlyList<int> sizes, int queries, IReadOnlyList<int> expansions, string vectors, string? vectorCache, string[] vocabulary, Random random)
    {
        var levels = await MeasureEachSizeAsync(sizes, "orchestrator-scale-ann-", async (size, file) =>
        {
            var (corpus, probes) = await AnnVectorsAsync(size, queries, vectors, vectorCache, random).ConfigureAwait(false);
            return await MeasureAnnAsync(file, corpus, probes, expansions, vocabulary, random).ConfigureAwait(false);
        }).ConfigureAwait(false);

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            machine = MachineLine(),
            vectors,
            levels,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static async Task<(float[][] Corpus, float[][] Queries)> AnnVectorsAsync(int size, int queries, string vectors, string? vectorCache, Random random)
    {
        if (vectors != "real")
        {
            return ([.. Enumerable.Range(0, size).Select(_ => RandomUnit(random))], [.. Enumerable.Range(0, queries).Select(_ => RandomUnit(random))]);
        }

        var cache = vectorCache ?? Path.Combine(Path.GetTempPath(), "orchestrator-bench", "clinc150-banking77-minilm.f32");
        var all = await RealVectors.LoadAsync(size + queries, cache).ConfigureAwait(false);
        var corpusSize = Math.Min(size, all.Length - queries);
        return (all[..corpusSize], all[^queries..]);
    }

    private static async Task<object> MeasureAnnAsync(string path, float[][] corpus, float[][] probes, IReadOnlyList<int> expansions, string[] vocabulary, Random random)
    {
        using var exact = new SqliteVectorStore(path, AnnIndexOptions.Off);
        await exact.EnsureCollectionAsync("scale", MiniLmEmbeddingGenerator.Dimensions).ConfigureAwait(false);
        for (var doc = 0; doc * ChunksPerDocument < corpus.Length; doc++)
        {
            var chunks = Enumerable.Range(0, Math.Min(ChunksPerDocument, corpus.Length - (doc * ChunksPerDocument)))
                .Select(i => { var text = Text(vocabulary, random, WordsPerChunk); return new ChunkRecord(i, $"chunk {i}", text, text, corpus[(doc * ChunksPerDocument) + i]); })
                .ToList();
            await exact.ReplaceDocumentAsync("scale", new StoredDocument($"doc-{doc}.md", $"{doc:x64}"), chunks).ConfigureAwait(false);
        }

        var texts = probes.Select(_ => Text(vocabulary, random, 6)).ToArray();
        await exact.SearchAsync("scale", new HybridQuery { Text = NoMatchText, Vector = probes[0] }).ConfigureAwait(false);
        var rows = new List<object>();
        double? firstWarmSeconds = null;
        foreach (var expansion in expansions)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var rssBefore = Rss();
            var warm = Stopwatch.StartNew();
            using var ann = new SqliteVectorStore(path, new AnnIndexOptions { MinChunks = 1, ExpansionSearch = expansion });
            var ready = await ann.WarmUpAsync("scale").ConfigureAwait(false);
            var warmSeconds = warm.Elapsed.TotalSeconds;
            firstWarmSeconds ??= warmSeconds;
            var rssGrowth = Rss() - rssBefore;
            var graphFile = Directory.GetFiles(Path.GetDirectoryName(path)!, "store.db.*.hnsw").Single();

            var exactDense = new List<double>();
            var annDense = new List<double>();
            var exactHybrid = new List<double>();
            var annHybrid = new List<double>();
            double recall = 0;
            for (var q = 0; q < probes.Length; q++)
            {
                var dense = new HybridQuery { Text = NoMatchText, Vector = probes[q], TopK = 10 };
                var (truth, exactMs) = await TimedAsync(exact, dense).ConfigureAwait(false);
                var (found, annMs) = await TimedAsync(ann, dense).ConfigureAwait(false);
                exactDense.Add(exactMs);
                annDense.Add(annMs);
                recall += found.Select(h => h.Passage.ChunkId).Intersect(truth.Select(h => h.Passage.ChunkId)).Count() / (double)Math.Max(1, truth.Count);

                var hybrid = new HybridQuery { Text = texts[q], Vector = probes[q] };
                exactHybrid.Add((await TimedAsync(exact, hybrid).ConfigureAwait(false)).Ms);
                annHybrid.Add((await TimedAsync(ann, hybrid).ConfigureAwait(false)).Ms);
            }

            rows.Add(new
            {
                expansion_search = expansion,
                graph_ready = ready,
                warm_up_s = Math.Round(warmSeconds, 2),
                recall_at_10 = Math.Round(recall / probes.Length, 3),
                dense_p50_ms = new { exact = Median(exactDense), ann = Median(annDense), ratio = Math.Round(Median(annDense) / Median(exactDense), 3) },
                hybrid_p50_ms = new { exact = Median(exactHybrid), ann = Median(annHybrid), ratio = Math.Round(Median(annHybrid) / Median(exactHybrid), 3) },
                rss_growth_mb = Math.Round(rssGrowth / 1048576.0),
                graph_file_mb = Math.Round(new FileInfo(graphFile).Length / 1048576.0, 1),
            });
            await Console.Error.WriteLineAsync(JsonSerializer.Serialize(rows[^1])).ConfigureAwait(false);
        }

        return new
        {
            chunks = corpus.Length,
            queries = probes.Length,
            vector_matrix_mb = Math.Round(corpus.Length * (double)MiniLmEmbeddingGenerator.Dimensions * sizeof(float) / 1048576.0),
            build_ms_per_vector = Math.Round((firstWarmSeconds ?? 0) * 1000.0 / corpus.Length, 3),
            settings = rows,
        };
    }

    private static async Task<(IReadOnlyList<SearchHit> Hits, double Ms)> TimedAsync(SqliteVectorStore store, HybridQuery query)
    {
        var started = Stopwatch.GetTimestamp();
        var hits = await store.SearchAsync("scale", query).ConfigureAwait(false);
        return (hits, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted[sorted.Count / 2], 3);
    }
}
