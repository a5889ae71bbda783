using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestrator.Benchmarks.Encoders;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Models;
using Orchestrator.Routing;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>router-encoders --train F --test F [--test-split val | --holdout 0.2] [--encoders minilm,arctic,both,minilm-int8] [--latency N]</c>:
/// the semantic router fitted and scored with all-MiniLM-L6-v2, with Snowflake arctic-embed-xs,
/// with both vectors concatenated (each half unit length, the whole scaled back to unit length), and
/// with MiniLM's int8 quantization (<c>minilm-int8</c>; its latency is then measured interleaved with fp32 MiniLM instead of arctic).
/// Every text is embedded once per encoder; the router then fits and decides on those vectors, so
/// the figures are <c>eval routing</c>'s with the text routed as written (no spelling correction).
/// Single-request embedding time is measured interleaved for both encoders and reported as a ratio.
/// </summary>
internal static class EncoderComparisonRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => RoutingRunArgs.Value(args, name);
        var request = RoutingRunArgs.Request(args);
        var encoders = (Arg("--encoders") ?? "minilm,arctic,both").Split(',');
        var latencyRequests = Arg("--latency") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 300;

        var (train, test) = await RoutingEvaluator.LoadAsync(request).ConfigureAwait(false);
        var set = RoutingEvaluator.ToTrainingSet(train) with { Background = RouterBackground.Builtin };
        var texts = train.Select(r => r.Text).Concat(test.Select(r => r.Text)).Concat(RouterBackground.Builtin)
            .Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

        using var miniLm = new MiniLmEmbeddingGenerator(32, null, null, MiniLmQuantization.None);
        var needsArctic = encoders.Any(e => e is "arctic" or "both");
        var needsInt8 = encoders.Contains("minilm-int8");

        // The second encoder is arctic, or int8 MiniLM when only MiniLM settings are compared.
        using IEmbeddingGenerator<string, Embedding<float>> other = needsArctic || !needsInt8 ? new ArcticXsEmbeddingGenerator() : new MiniLmEmbeddingGenerator(32, null, null, MiniLmQuantization.Int8);
        using var int8 = needsInt8 && needsArctic ? new MiniLmEmbeddingGenerator(32, null, null, MiniLmQuantization.Int8) : null;
        var otherName = other is MiniLmEmbeddingGenerator ? "minilm_int8" : "arctic";
        var clock = Stopwatch.StartNew();
        var miniVectors = await miniLm.EmbedManyAsync(texts).ConfigureAwait(false);
        var miniSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var arcticVectors = await other.EmbedManyAsync(texts).ConfigureAwait(false);
        var arcticSeconds = clock.Elapsed.TotalSeconds;
        var int8Vectors = int8 is null ? (other is MiniLmEmbeddingGenerator ? arcticVectors : null) : await int8.EmbedManyAsync(texts).ConfigureAwait(false);
        Console.Error.WriteLine($"embedded {texts.Count} texts: MiniLM {miniSeconds:F0} s, {otherName} {arcticSeconds:F0} s");

        var rows = new List<object>();
        foreach (var encoder in encoders)
        {
            var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
            for (var i = 0; i < texts.Count; i++)
            {
                vectors[texts[i]] = encoder switch
                {
                    "minilm" => miniVectors[i],
                    "minilm-int8" => int8Vectors![i],
                    "arctic" => arcticVectors[i],
                    _ => VectorMath.Normalize([.. miniVectors[i], .. arcticVectors[i]]),
                };
            }

            var dimensions = vectors[texts[0]].Length;
            using var generator = new PrecomputedEmbeddingGenerator($"precomputed-{encoder}", dimensions, new TrimmingLookup(vectors));
            clock.Restart();
            var router = await SemanticRouter.FitAsync(set, generator).ConfigureAwait(false);
            var fitSeconds = clock.Elapsed.TotalSeconds;
            var gold = new string[test.Count];
            var predicted = new string[test.Count];
            var headRight = 0;
            var inScope = 0;
            for (var i = 0; i < test.Count; i++)
            {
                var decision = router.Decide(vectors[test[i].Text.Trim()], test[i].Text);
                gold[i] = test[i].IsOutOfScope ? LabeledUtterance.OutOfScopeLabel : test[i].Label;
                predicted[i] = decision.OutOfScope || decision.Route is null ? LabeledUtterance.OutOfScopeLabel : decision.Route;
                if (!test[i].IsOutOfScope)
                {
                    inScope++;
                    headRight += decision.Route == test[i].Label ? 1 : 0;
                }
            }

            // As eval routing scores: in-scope accuracy over in-scope rows, OOS recall and precision over "oos".
            var oos = LabeledUtterance.OutOfScopeLabel;
            var accuracy = (double)Enumerable.Range(0, test.Count).Count(i => gold[i] != oos && predicted[i] == gold[i]) / Math.Max(1, inScope);
            var goldOos = gold.Count(g => g == oos);
            var predictedOos = predicted.Count(p => p == oos);
            var bothOos = Enumerable.Range(0, test.Count).Count(i => gold[i] == oos && predicted[i] == oos);
            double? recall = goldOos == 0 ? null : (double)bothOos / goldOos;
            double? precision = goldOos == 0 || predictedOos == 0 ? null : (double)bothOos / predictedOos;
            var row = new
            {
                encoder,
                dimensions,
                in_scope_accuracy = Math.Round(accuracy, 4),
                head_accuracy_before_rejection = Math.Round((double)headRight / Math.Max(1, inScope), 4),
                oos_recall = recall is { } r ? Math.Round(r, 4) : (double?)null,
                oos_precision = precision is { } p ? Math.Round(p, 4) : (double?)null,
                threshold = Math.Round(router.Threshold, 4),
                fit_seconds = Math.Round(fitSeconds, 1),
            };
            Console.Error.WriteLine(JsonSerializer.Serialize(row));
            rows.Add(row);
        }

        // Single-request embedding time, the two encoders interleaved so load affects both alike.
        var miniMs = new List<double>();
        var arcticMs = new List<double>();
        var step = Math.Max(1, test.Count / Math.Max(1, latencyRequests));
        for (var i = 0; i < Math.Min(latencyRequests, test.Count); i++)
        {
            var text = test[i * step % test.Count].Text;
            var start = Stopwatch.GetTimestamp();
            await miniLm.EmbedOneAsync(text).ConfigureAwait(false);
            miniMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            await other.EmbedOneAsync(text).ConfigureAwait(false);
            arcticMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var miniP50 = Median(miniMs);
        var arcticP50 = Median(arcticMs);
        Console.WriteLine(JsonSerializer.Serialize(
            new
            {
                machine = $"{Environment.ProcessorCount} logical cores",
                texts_embedded = texts.Count,
                second_encoder = otherName,
                bulk_embed_seconds = new { minilm = Math.Round(miniSeconds, 1), second = Math.Round(arcticSeconds, 1) },
                single_request_embed_p50_ms = new { minilm = Math.Round(miniP50, 3), second = Math.Round(arcticP50, 3), second_to_minilm = Math.Round(arcticP50 / miniP50, 3), both_to_minilm = Math.Round((miniP50 + arcticP50) / miniP50, 3) },
                rows,
            },
            new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    /// <summary>The router trims its examples; the test texts are looked up as written.</summary>
    private sealed class TrimmingLookup(Dictionary<string, float[]> inner) : IReadOnlyDictionary<string, float[]>
    {
        public float[] this[string key] => inner[key.Trim()];

        public IEnumerable<string> Keys => inner.Keys;

        public IEnumerable<float[]> Values => inner.Values;

        public int Count => inner.Count;

        public bool ContainsKey(string key) => inner.ContainsKey(key.Trim());

        public IEnumerator<KeyValuePair<string, float[]>> GetEnumerator() => inner.GetEnumerator();

        public bool TryGetValue(string key, out float[] value) => inner.TryGetValue(key.Trim(), out value!);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
