using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Models;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>scale [--sizes 1000,10000,100000] [--queries 200] [--ann 64,128,256 [--vectors random|real]]</c>: the SQLite store at growing sizes
/// (with <c>--ann</c>: its HNSW graph against its exact scan, see <c>ScaleRun.Ann.cs</c>).
/// Chunks are synthetic (60 words drawn from a 5,000-word Zipf vocabulary, random unit vectors),
/// because only the store is measured here: writing, hybrid search (dense scan + FTS5 BM25 + fusion)
/// and memory. Embedding, the real limit of ingestion, is measured separately on chunk-length
/// texts and combined into an end-to-end ingest estimate.
/// </summary>
internal static partial class ScaleRun
{
    private const int WordsPerChunk = 60;
    private const int ChunksPerDocument = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var sizes = (Value("--sizes") ?? "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var queries = int.Parse(Value("--queries") ?? "200", CultureInfo.InvariantCulture);
        var random = new Random(42);
        var vocabulary = Vocabulary(random);
        if (Value("--ann") is { } expansions)
        {
            return await RunAnnAsync(sizes, queries, [.. expansions.Split(',').Select(e => int.Parse(e, CultureInfo.InvariantCulture))],
                Value("--vectors") ?? "random", Value("--vector-cache"), vocabulary, random).ConfigureAwait(false);
        }

        var embedChunksPerSecond = await EmbedChunkTextsAsync(vocabulary, random).ConfigureAwait(false);
        var levels = await MeasureEachSizeAsync(sizes, "orchestrator-scale-", (size, file) => MeasureAsync(file, size, queries, vocabulary, random, embedChunksPerSecond)).ConfigureAwait(false);

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            machine = MachineLine(),
            embedder_chunks_per_second = Math.Round(embedChunksPerSecond, 1),
            levels,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static async Task<object> MeasureAsync(string path, int size, int queries, string[] vocabulary, Random random, double embedChunksPerSecond)
    {
        GC.Collect();
        var rssBefore = Rss();
        var store = new SqliteVectorStore(path);
        await store.EnsureCollectionAsync("scale", MiniLmEmbeddingGenerator.Dimensions).ConfigureAwait(false);
        var write = Stopwatch.StartNew();
        for (var doc = 0; doc * ChunksPerDocument < size; doc++)
        {
            var chunks = Enumerable.Range(0, Math.Min(ChunksPerDocument, size - (doc * ChunksPerDocument)))
                .Select(i => { var text = Text(vocabulary, random, WordsPerChunk); return new ChunkRecord(i, $"chunk {i}", text, text, RandomUnit(random)); })
                .ToList();
            await store.ReplaceDocumentAsync("scale", new StoredDocument($"doc-{doc}.md", $"{doc:x64}"), chunks).ConfigureAwait(false);
        }

        var storeChunksPerSecond = size / write.Elapsed.TotalSeconds;
        var cold = Stopwatch.StartNew();
        await store.SearchAsync("scale", Query(vocabulary, random)).ConfigureAwait(false);
        var coldMs = cold.Elapsed.TotalMilliseconds;
        var latencies = new List<double>();
        for (var q = 0; q < queries; q++)
        {
            var query = Query(vocabulary, random);
            var started = Stopwatch.GetTimestamp();
            await store.SearchAsync("scale", query).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        var rssAfter = Rss();
        var result = new
        {
            chunks = size,
            store_write_chunks_per_second = Math.Round(storeChunksPerSecond, 0),
            ingest_estimate_chunks_per_second = Math.Round(1 / ((1 / storeChunksPerSecond) + (1 / embedChunksPerSecond)), 1),
            first_query_ms = Math.Round(coldMs, 1),
            query_ms = new { p50 = Math.Round(latencies[latencies.Count / 2], 2), p95 = Math.Round(latencies[(int)(latencies.Count * 0.95)], 2) },
            rss_mb_growth = Math.Round((rssAfter - rssBefore) / 1048576.0),
            rss_mb = Math.Round(rssAfter / 1048576.0),
            file_mb = Math.Round(new FileInfo(path).Length / 1048576.0, 1),
        };
        (store as IDisposable)?.Dispose();
        return result;
    }

    private static async Task<double> EmbedChunkTextsAsync(string[] vocabulary, Random random)
    {
        using var embedder = new MiniLmEmbeddingGenerator();
        var texts = Enumerable.Range(0, 64).Select(_ => Text(vocabulary, random, WordsPerChunk)).ToList();
        await embedder.EmbedManyAsync(texts[..8]).ConfigureAwait(false);
        var wall = Stopwatch.StartNew();
        await embedder.EmbedManyAsync(texts).ConfigureAwait(false);
        return texts.Count / wall.Elapsed.TotalSeconds;
    }

    private static HybridQuery Query(string[] vocabulary, Random random) => new() { Text = Text(vocabulary, random, 6), Vector = RandomUnit(random) };

    private static string[] Vocabulary(Random random)
    {
        string[] syllables = ["ka", "lo", "mi", "ter", "an", "sol", "ve", "ri", "dor", "pen", "us", "ta", "gre", "hol", "bi", "nex"];
        return [.. Enumerable.Range(0, 5000).Select(_ => string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => syllables[random.Next(syllables.Length)]))).Distinct()];
    }

    /// <summary>Zipf-like: word i is drawn with weight about 1/(i+1), as in natural text.</summary>
    private static string Text(string[] vocabulary, Random random, int words)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            var index = (int)Math.Min(vocabulary.Length - 1, Math.Exp(random.NextDouble() * Math.Log(vocabulary.Length)) - 1);
            builder.Append(vocabulary[index]).Append(i % 12 == 11 ? ". " : " ");
        }

        return builder.ToString().Trim();
    }

    private static float[] RandomUnit(Random random)
    {
        var v = new float[MiniLmEmbeddingGenerator.Dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return VectorMath.Normalize(v);
    }

    private static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Measures each size in a fresh store file of its own, printing each level to stderr as it finishes, and deletes the file after.</summary>
    private static async Task<List<object>> MeasureEachSizeAsync(IReadOnlyList<int> sizes, string folderPrefix, Func<int, string, Task<object>> measure)
    {
        var levels = new List<object>();
        foreach (var size in sizes)
        {
            var dir = Directory.CreateTempSubdirectory(folderPrefix);
            try
            {
                levels.Add(await measure(size, Path.Combine(dir.FullName, "store.db")).ConfigureAwait(false));
                await Console.Error.WriteLineAsync(JsonSerializer.Serialize(levels[^1])).ConfigureAwait(false);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                dir.Delete(recursive: true);
            }
        }

        return levels;
    }

    /// <summary>Cores and load average, so a reader can tell a quiet run from a loaded one.</summary>
    private static string MachineLine() =>
        $"{Environment.ProcessorCount} logical cores, load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg")[..14] : "?")}";
}
