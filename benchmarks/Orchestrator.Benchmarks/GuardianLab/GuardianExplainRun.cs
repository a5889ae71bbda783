using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Normalization;
using Orchestrator.Models;

namespace Orchestrator.Benchmarks.GuardianLab;

/// <summary>
/// <c>guardian-explain --texts F [--model F] [--train F] [--cache-dir D] [--all]</c>: why a classifier scores
/// a text as it does. For every row of <c>--texts</c> (JSON lines with <c>text</c>; only the flagged ones unless
/// <c>--all</c>) prints one JSON line: the probability, the n-gram and cue head's margin split into bias, cues and
/// n-grams (with the n-gram buckets that push most, and the character and word n-grams in each), the embedding
/// head's margin and its share of the blend, and, with <c>--train</c>, the three training rows whose encoder vectors
/// are nearest (cosine of the head windows). The shipped harm model by default (int8 encoder, as served).
/// </summary>
internal static class GuardianExplainRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => RoutingRunArgs.Value(args, name);
        var textsPath = Arg("--texts") ?? throw new ArgumentException("--texts FILE is required");
        var model = Arg("--model") is { } m ? ClassifierModel.Load(m) : ShippedClassifiers.Load(ShippedClassifiers.Harm);
        var all = args.Contains("--all");
        var rows = GuardianDatasetReader.ReadForEvaluation(textsPath);
        using var embedder = new MiniLmEmbeddingGenerator(32, null, null, MiniLmQuantization.Int8);
        // A model without an encoder (an n-gram head alone) gets no vector: its dense block is the cues only.
        var extractor = new ClassifierFeatures(model.RequiredEncoder is null ? null : embedder, model.HashBits, separateEmbedding: model.EmbeddingHead is not null);
        List<(FeatureVector Features, string Text, int Label, string Source)>? train = null;
        if (Arg("--train") is { } trainPath)
        {
            var cacheDir = Arg("--cache-dir") ?? Path.GetTempPath();
            using var fp32 = new MiniLmEmbeddingGenerator(batchSize: 16, maxConcurrentBatches: 1, intraOpThreads: 1);
            using var cached = new EmbeddingFileCache(fp32, Path.Combine(cacheDir, "guardian-explain-minilm.cache"), MiniLmEmbeddingGenerator.Dimensions);
            var trainRows = GuardianDatasetReader.Read([trainPath]);
            var trainExtractor = new ClassifierFeatures(cached, model.HashBits, separateEmbedding: true);
            train = [];
            foreach (var chunk in trainRows.Chunk(64))
            {
                var features = await trainExtractor.ExtractManyAsync([.. chunk.Select(r => r.Text)], CancellationToken.None).ConfigureAwait(false);
                train.AddRange(chunk.Select((r, i) => (features[i].Features, r.Text, r.Label, r.Source)));
            }
        }

        foreach (var row in rows)
        {
            var (x, inspected) = await extractor.ExtractAsync(row.Text, CancellationToken.None).ConfigureAwait(false);
            var probability = LogisticHead.Probability(model, x);
            if (!all && probability < model.Threshold)
            {
                continue;
            }

            var cueMargin = x.Dense.Select((v, i) => (double)model.DenseWeights[i] * v).ToArray();
            var ngramMargin = Enumerable.Range(0, x.SparseIndex.Length).Sum(i => (double)model.SparseWeights[x.SparseIndex[i]] * x.SparseValue[i]);
            var embeddingMargin = model.EmbeddingHead is { } head ? head.Margin(x.Embedding) : 0;
            var blend = model.EmbeddingHead?.Blend ?? 0;
            var lowered = inspected.Text.ToLowerInvariant();
            var grams = GramsByBucket(lowered, model.HashBits);
            var topBuckets = Enumerable.Range(0, x.SparseIndex.Length)
                .Select(i => (Bucket: x.SparseIndex[i], Push: (double)model.SparseWeights[x.SparseIndex[i]] * x.SparseValue[i]))
                .OrderByDescending(b => Math.Abs(b.Push)).Take(12)
                .Select(b => new { push = Math.Round(b.Push, 3), grams = grams.TryGetValue(b.Bucket, out var g) ? g : [] });
            var nearest = x.Embedding is null ? null : train?.Select(t => (t.Text, t.Label, t.Source, Cosine: Cosine(t.Features.Embedding!, x.Embedding!)))
                .OrderByDescending(t => t.Cosine).Take(3)
                .Select(t => new { cosine = Math.Round(t.Cosine, 3), t.Label, t.Source, text = t.Text.Length > 120 ? t.Text[..120] : t.Text });
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                text = row.Text,
                probability = Math.Round(probability, 4),
                threshold = Math.Round(model.Threshold, 4),
                margin_ngram_head = Math.Round(model.Bias + cueMargin.Sum() + ngramMargin, 3),
                bias = Math.Round(model.Bias, 3),
                cues = cueMargin.Select(c => Math.Round(c, 3)),
                ngrams = Math.Round(ngramMargin, 3),
                margin_embedding_head = Math.Round(embeddingMargin, 3),
                blend,
                margin = Math.Round(LogisticHead.Blend(model.Bias + cueMargin.Sum() + ngramMargin, embeddingMargin, blend), 3),
                top_buckets = topBuckets,
                nearest,
            }));
        }

        return 0;
    }

    /// <summary>The n-grams <see cref="HashedNgrams"/> puts in each bucket, signed as they are counted ("-" in front when the hash's sign is negative).</summary>
    private static Dictionary<int, List<string>> GramsByBucket(string lowered, int bits)
    {
        var mask = (1u << bits) - 1;
        var result = new Dictionary<int, List<string>>();
        void Add(uint hash, string gram)
        {
            var bucket = (int)(hash & mask);
            if (!result.TryGetValue(bucket, out var list))
            {
                result[bucket] = list = [];
            }

            list.Add(((hash & 0x80000000u) == 0 ? "" : "-") + gram);
        }

        for (var n = 3; n <= 5; n++)
        {
            for (var i = 0; i + n <= lowered.Length; i++)
            {
                Add(HashedNgrams.Hash(lowered.AsSpan(i, n), HashedNgrams.CharSeed + (uint)n), "c:" + lowered.Substring(i, n));
            }
        }

        var words = HashedNgrams.Words(lowered);
        for (var i = 0; i < words.Count; i++)
        {
            Add(HashedNgrams.Hash(words[i].AsSpan(), HashedNgrams.WordSeed), "w:" + words[i]);
            if (i + 1 < words.Count)
            {
                Add(HashedNgrams.Hash(words[i].AsSpan(), HashedNgrams.WordSeed + 1) ^ HashedNgrams.Hash(words[i + 1].AsSpan(), HashedNgrams.WordSeed + 2), "b:" + words[i] + " " + words[i + 1]);
            }
        }

        return result;
    }

    private static double Cosine(float[] a, float[] b)
    {
        var dot = System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
        var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(a, a) * System.Numerics.Tensors.TensorPrimitives.Dot(b, b));
        return norm == 0 ? 0 : dot / norm;
    }
}
