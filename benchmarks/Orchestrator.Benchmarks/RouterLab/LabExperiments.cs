using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Routing;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// <c>head</c>: one head trained on every training row (as the final fit trains it), scored by its
/// arg-max route on the in-scope test rows, with and without a nearest-example vote.
/// <c>fit</c>: the whole router (<see cref="SemanticRouter.FitAsync"/> on the cached vectors), scored
/// as <c>eval routing</c> scores, with the in-scope errors split into head mistakes and rejections.
/// </summary>
internal static class LabExperiments
{
    public static async Task<int> RunAsync(string mode, string[] args, LabData data)
    {
        var options = Options(args);
        return mode switch
        {
            "head" => Head(args, data, options),
            "fit" => await FitAsync(args, data, options).ConfigureAwait(false),
            "trace" => LabTrace.Record(args, data, options),
            "calib" => LabCalibration.Run(args, data, options),
            "explain" => LabExplain.Run(args, data, options),
            "decide" => LabDecision.Run(args, data),
            "blend" => LabBlend.Run(args, data),
            _ => throw new ArgumentException($"unknown router-lab mode '{mode}'"),
        };
    }

    private static SemanticRouterOptions Options(string[] args)
    {
        string? Arg(string name) => RoutingRunArgs.Value(args, name);
        float F(string s) => float.Parse(s, CultureInfo.InvariantCulture);
        var o = new SemanticRouterOptions();
        if (Arg("--l2") is { } l2) o = o with { L2 = F(l2) };
        if (Arg("--epochs") is { } ep) o = o with { Epochs = int.Parse(ep, CultureInfo.InvariantCulture) };
        if (Arg("--lr") is { } lr) o = o with { LearningRate = F(lr) };
        if (Arg("--ngram-l2") is { } nl2) o = o with { CharNgramL2 = F(nl2) };
        if (Arg("--ngram-lr") is { } nlr) o = o with { CharNgramLearningRate = F(nlr) };
        if (Arg("--buckets") is { } b) o = o with { CharNgramBuckets = int.Parse(b, CultureInfo.InvariantCulture) };
        if (Arg("--cap") is { } cap) o = o with { MaxInScopeRejection = double.Parse(cap, CultureInfo.InvariantCulture) };
        if (Arg("--held-out-routes") == "on") o = o with { HoldOutIntents = true };
        return o;
    }

    internal static (string[] Routes, float[][] Vectors, int[] Labels, bool[] IsBackground, string[] Texts) Rows(LabData data)
    {
        var texts = new List<string>();
        var labels = new List<int>();
        var routes = data.Set.Routes.Select(r => r.Name).ToArray();
        for (var r = 0; r < routes.Length; r++)
        {
            foreach (var t in data.Set.Routes[r].Examples.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal))
            {
                texts.Add(t);
                labels.Add(r);
            }
        }

        foreach (var t in data.Set.NegativeExamples.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal))
        {
            texts.Add(t);
            labels.Add(routes.Length);
        }

        var own = texts.Count;
        var negatives = texts.Where((_, i) => labels[i] == routes.Length).ToHashSet(StringComparer.Ordinal);
        foreach (var t in data.Set.BackgroundExamples.Select(e => e.Trim()).Where(e => e.Length > 0 && !negatives.Contains(e)).Distinct(StringComparer.Ordinal))
        {
            texts.Add(t);
            labels.Add(routes.Length);
        }

        return (routes, [.. texts.Select(data.Vector)], [.. labels], [.. texts.Select((_, i) => i >= own)], [.. texts]);
    }

    private static int Head(string[] args, LabData data, SemanticRouterOptions options)
    {
        var bigrams = RoutingRunArgs.Value(args, "--bigrams") == "on";
        var betas = (RoutingRunArgs.Value(args, "--knn") ?? "0").Split(',').Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var (routes, vectors, labels, isBackground, texts) = Rows(data);
        var headRows = Enumerable.Range(0, vectors.Length).Where(i => !isBackground[i]).ToArray();
        var classes = routes.Length + (labels.Any(l => l == routes.Length) ? 1 : 0);
        var ngrams = options.CharNgramBuckets > 0 ? texts.Select((t, i) => isBackground[i] ? SparseFeatures.Empty : CharNgrams.Extract(t, options.CharNgramBuckets, bigrams)).ToArray() : null;
        var clock = Stopwatch.StartNew();
        var head = SoftmaxHead.Train(vectors, ngrams, labels, headRows, classes, options, CancellationToken.None);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var examples = NeighbourIndex.Build(vectors, headRows.Where(i => labels[i] < routes.Length), vectors[0].Length, labels, routes.Length);

        var right = new int[betas.Length];
        var inScope = 0;
        var logits = new float[classes];
        Span<int> top = stackalloc int[5];
        var confusions = new Dictionary<(string, string), int>();
        for (var t = 0; t < data.Test.Count; t++)
        {
            var row = data.Test[t];
            if (row.IsOutOfScope)
            {
                continue;
            }

            inScope++;
            var text = data.CorrectedTest[t];
            var v = data.Vector(text);
            head.Logits(v, ngrams is null ? SparseFeatures.Empty : CharNgrams.Extract(text, options.CharNgramBuckets, bigrams), logits);
            SemanticRouterModel.TopRoutes(logits.AsSpan(0, routes.Length), top);
            for (var b = 0; b < betas.Length; b++)
            {
                var best = -1;
                var bestScore = float.NegativeInfinity;
                foreach (var c in top)
                {
                    var s = logits[c] + (betas[b] == 0 ? 0 : betas[b] * examples.MeanTopSimilarity(v, 1, c));
                    if (s > bestScore)
                    {
                        bestScore = s;
                        best = c;
                    }
                }

                right[b] += routes[best] == row.Label ? 1 : 0;
                if (b == 0 && routes[best] != row.Label)
                {
                    var key = (row.Label, routes[best]);
                    confusions[key] = confusions.GetValueOrDefault(key) + 1;
                }
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "head",
            l2 = options.L2,
            epochs = options.Epochs,
            buckets = options.CharNgramBuckets,
            ngram_lr = options.CharNgramLearningRate,
            ngram_l2 = options.CharNgramL2,
            bigrams,
            train_seconds = Math.Round(trainSeconds, 1),
            in_scope = inScope,
            accuracy = betas.Select((b, k) => new { knn_beta = b, head_accuracy = Math.Round((double)right[k] / inScope, 4) }).ToArray(),
            top_confusions = confusions.OrderByDescending(c => c.Value).Take(12).Select(c => $"{c.Key.Item1} -> {c.Key.Item2}: {c.Value}").ToArray(),
        }));
        return 0;
    }

    private static async Task<int> FitAsync(string[] args, LabData data, SemanticRouterOptions options)
    {
        using var generator = new LabEmbeddingGenerator(data, Orchestrator.Models.MiniLmEmbeddingGenerator.ModelIdFor(LabData.Quantization(args)));
        var clock = Stopwatch.StartNew();
        var router = await SemanticRouter.FitAsync(data.Set, generator, options, RoutingRunArgs.Value(args, "--router-cache")).ConfigureAwait(false);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        int inScope = 0, good = 0, headRight = 0, headWrongAccepted = 0, headWrongRejected = 0, rightRejected = 0, oos = 0, oosRejected = 0, predictedOos = 0;
        var decideTicks = new List<double>();
        var routed = new List<(double Confidence, bool Correct)>();
        for (var t = 0; t < data.Test.Count; t++)
        {
            var row = data.Test[t];
            var text = data.CorrectedTest[t];
            var v = data.Vector(text);
            var start = Stopwatch.GetTimestamp();
            var d = router.Decide(v, text);
            decideTicks.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            var rejected = d.OutOfScope || d.Route is null;
            predictedOos += rejected ? 1 : 0;
            if (!rejected)
            {
                routed.Add((d.Confidence, !row.IsOutOfScope && d.Route == row.Label));
            }

            if (row.IsOutOfScope)
            {
                oos++;
                oosRejected += rejected ? 1 : 0;
                continue;
            }

            inScope++;
            var right = d.Route == row.Label;
            headRight += right ? 1 : 0;
            good += right && !rejected ? 1 : 0;
            headWrongAccepted += !right && !rejected ? 1 : 0;
            headWrongRejected += !right && rejected ? 1 : 0;
            rightRejected += right && rejected ? 1 : 0;
        }

        var cv = router.CrossValidation.FirstOrDefault(c => c.Evidence == router.Evidence);
        decideTicks.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            mode = "fit",
            options = options.ToString(),
            fit_seconds = Math.Round(fitSeconds, 1),
            loaded_from_cache = router.LoadedFromCache,
            in_scope_accuracy = Math.Round((double)good / inScope, 4),
            head_accuracy = Math.Round((double)headRight / inScope, 4),
            oos_recall = oos == 0 ? (double?)null : Math.Round((double)oosRejected / oos, 4),
            oos_precision = predictedOos == 0 || oos == 0 ? (double?)null : Math.Round((double)oosRejected / predictedOos, 4),
            in_scope_errors = new { head_wrong_accepted = headWrongAccepted, head_wrong_rejected = headWrongRejected, head_right_rejected = rightRejected },
            ece = CalibrationError.Expected(routed) is { } ece ? Math.Round(ece, 4) : (double?)null,
            threshold = Math.Round(router.Threshold, 4),
            cv = cv is null ? null : new { cv.InScopeAccuracy, cv.OutOfScopeRecall, cv.HeldOutRouteRecall },
            decide_p50_ms = Math.Round(decideTicks[decideTicks.Count / 2], 4),
        }));
        return 0;
    }
}
