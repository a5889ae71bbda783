using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Routing;

namespace Orchestrator.Benchmarks.RouterLab;

/// <summary>
/// <c>calib --trace FILE [--variants a,b,…] [--cap X]</c>: reruns the router's calibration
/// (<see cref="SemanticRouterCalibrator"/>) on a recorded fit with each variant and scores the
/// test rows as <c>fit</c> does, in seconds. Also prints where the out-of-scope evidence of
/// correctly routed test rows differs from that of correctly routed out-of-fold training rows.
/// </summary>
internal static class LabCalibration
{
    private static readonly string[] DefaultVariants =
    [
        "shipped", "raw", "avg-all", "avg-folds", "fold-view", "no-neighbours", "no-energy", "no-oos-class", "head-only", "neighbours-only",
    ];

    public static int Run(string[] args, LabData data, SemanticRouterOptions options)
    {
        var path = RoutingRunArgs.Value(args, "--trace") ?? throw new ArgumentException("--trace FILE is required");
        var trace = LabTrace.Read(path);
        var vectors = trace.Texts.Select(data.Vector).ToArray();
        var names = RoutingRunArgs.Value(args, "--variants")?.Split(',') ?? DefaultVariants;
        if (trace.HeldOut.Length > 0 && RoutingRunArgs.Value(args, "--variants") is null)
        {
            names = [.. names, "held-out-equal", "held-out-0.25", "held-out-0.5-stacker-only", "held-out-equal-stacker-only"];
        }

        var set = new FoldedTrainingSet(vectors, null, trace.Labels, trace.IsBackground, trace.Routes, trace.Classes, trace.HasGivenNegatives, trace.Folds, trace.Fold, trace.OutOfFoldLogits)
        {
            OutOfFoldNgramLogits = NgramParts(trace, vectors),
        };
        if (RoutingRunArgs.Value(args, "--write-cache") is { } cacheDirectory)
        {
            return WriteCache(cacheDirectory, args, trace, set, data, options);
        }

        foreach (var name in names)
        {
            Console.WriteLine(JsonSerializer.Serialize(Score(name, trace, set, data, options)));
        }

        Console.WriteLine(JsonSerializer.Serialize(Shift(trace, set, data, options)));
        return 0;
    }

    /// <summary>Each row's n-gram part of its out-of-fold logits, from its fold head; null when the heads read no n-grams.</summary>
    private static float[][]? NgramParts(LabTraceData trace, float[][] vectors)
    {
        if (trace.Heads.Count == 0 || trace.Heads[0].NgramBuckets == 0)
        {
            return null;
        }

        return [.. vectors.Select((v, i) =>
        {
            var head = trace.Heads[trace.Fold[i]];
            var embedding = new float[trace.Classes];
            head.Logits(v, embedding);
            var part = (float[])trace.OutOfFoldLogits[i].Clone();
            for (var c = 0; c < part.Length; c++)
            {
                part[c] -= embedding[c];
            }

            return part;
        })];
    }

    /// <summary>The final head's logits for a test text with the calibration's n-gram weight; the recorded ones when it is 1.</summary>
    private static float[] FinalLogits(LabTraceData trace, LabData data, int t, bool raw, float ngramWeight)
    {
        var all = raw ? trace.RawTestLogits[t] : trace.CorrectedTestLogits[t];
        if (ngramWeight == 1f)
        {
            return all[^1];
        }

        var text = raw ? data.Test[t].Text : data.CorrectedTest[t];
        var head = trace.Heads[^1].WithNgramWeight(ngramWeight);
        var logits = new float[trace.Classes];
        head.Logits(data.Vector(text), head.Features(text), logits);
        return logits;
    }

    private static CalibrationVariant Variant(string name) => name switch
    {
        "no-blend" or "held-out-no-blend" => new() { BlendCharNgrams = false },
        "no-vote-no-blend" => new() { NeighbourVote = false, BlendCharNgrams = false },
        "no-neighbours" => new() { StackerFeatures = [true, false, false, false, true, true] },
        "no-energy" => new() { StackerFeatures = [true, true, true, true, true, false] },
        "no-oos-class" => new() { StackerFeatures = [true, true, true, true, false, true] },
        "head-only" => new() { StackerFeatures = [true, false, false, false, false, true] },
        "neighbours-only" => new() { StackerFeatures = [false, true, true, true, false, false] },
        "held-out-0.25" => new() { HeldOutShare = 0.25 },
        "held-out-0.5-stacker-only" => new() { HeldOutShare = 0.5, HeldOutTrainsStackerOnly = true },
        "held-out-equal-stacker-only" => new() { HeldOutTrainsStackerOnly = true },
        "held-out-cap-all" => new() { CapParaphraseSimilarity = 0 },
        "no-vote" or "held-out-no-vote" or "held-out-no-vote-avg-all" => new() { NeighbourVote = false },
        _ when name.StartsWith("held-out-paraphrase-", StringComparison.Ordinal) => new() { CapParaphraseSimilarity = double.Parse(name["held-out-paraphrase-".Length..], CultureInfo.InvariantCulture) },
        _ => CalibrationVariant.Shipped,
    };

    private static object Score(string name, LabTraceData trace, FoldedTrainingSet set, LabData data, SemanticRouterOptions options)
    {
        var variant = Variant(name);
        IReadOnlyList<RouteEvidence> heldOut = name.StartsWith("held-out", StringComparison.Ordinal) ? trace.HeldOut : [];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var calibrated = SemanticRouterCalibrator.Calibrate(set, options, variant, heldOut, null, CancellationToken.None);
        var calibrateSeconds = clock.Elapsed.TotalSeconds;
        var view = name == "fold-view" ? 0 : -1;
        var model = Model(trace, set, calibrated, options, view);
        var heads = trace.CorrectedTestLogits[0].Length;
        int inScope = 0, good = 0, headRight = 0, wrongAccepted = 0, wrongRejected = 0, rightRejected = 0, oos = 0, oosRejected = 0;
        var routed = new List<(double Confidence, bool Correct)>();
        var evaluateMs = new List<double>();
        var probs = new float[trace.Classes];
        for (var t = 0; t < data.Test.Count; t++)
        {
            var row = data.Test[t];
            var raw = name == "raw";
            var all = raw ? trace.RawTestLogits[t] : trace.CorrectedTestLogits[t];
            float[] logits = name switch
            {
                "avg-all" or "held-out-avg-all" or "held-out-no-vote-avg-all" => Mean(all, 0, heads),
                "avg-folds" => Mean(all, 0, heads - 1),
                "fold-view" => all[0],
                _ => FinalLogits(trace, data, t, raw, calibrated.NgramWeight),
            };
            logits.CopyTo(probs, 0);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var e = variant.Mask(model.EvaluateLogits(data.Vector(raw ? row.Text : data.CorrectedTest[t]), probs));
            evaluateMs.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var rejected = SemanticRouterModel.Score(e, model.Evidence, model.Stacker) < model.Threshold;
            var route = set.Routes > e.Route ? data.Set.Routes[e.Route].Name : null;
            if (!rejected)
            {
                routed.Add((Math.Clamp(e.Confidence, 0, 1), !row.IsOutOfScope && route == row.Label));
            }

            if (row.IsOutOfScope)
            {
                oos++;
                oosRejected += rejected ? 1 : 0;
                continue;
            }

            inScope++;
            var right = route == row.Label;
            headRight += right ? 1 : 0;
            good += right && !rejected ? 1 : 0;
            wrongAccepted += !right && !rejected ? 1 : 0;
            wrongRejected += !right && rejected ? 1 : 0;
            rightRejected += right && rejected ? 1 : 0;
        }

        var cv = calibrated.CrossValidation.FirstOrDefault(c => c.Evidence == model.Evidence);
        return new
        {
            variant = name,
            neighbour_vote = calibrated.NeighbourVote,
            ngram_weight = calibrated.NgramWeight,
            calibrate_seconds = Math.Round(calibrateSeconds, 2),
            evidence_p50_ms = Math.Round(evaluateMs.Order().ElementAt(evaluateMs.Count / 2), 4),
            in_scope_accuracy = Math.Round((double)good / inScope, 4),
            head_accuracy = Math.Round((double)headRight / inScope, 4),
            oos_recall = oos == 0 ? (double?)null : Math.Round((double)oosRejected / oos, 4),
            ece = CalibrationError.Expected(routed) is { } ece ? Math.Round(ece, 4) : (double?)null,
            threshold = Math.Round(model.Threshold, 4),
            errors = $"{wrongAccepted}/{wrongRejected}/{rightRejected}",
            right_rejected_share = Math.Round((double)rightRejected / Math.Max(1, headRight), 4),
            cv_in_scope = cv is null ? (double?)null : Math.Round(cv.InScopeAccuracy, 4),
            cv_oos = cv?.OutOfScopeRecall is { } r ? Math.Round(r, 4) : (double?)null,
            cv_held_out = cv?.HeldOutRouteRecall is { } h ? Math.Round(h, 4) : (double?)null,
        };
    }

    /// <summary>
    /// The model the calibration would ship, with the head replaced by given logits. view ≥ 0: the
    /// neighbour indices leave out fold <paramref name="view"/>, as fold head <paramref name="view"/> saw them.
    /// </summary>
    internal static SemanticRouterModel Model(LabTraceData trace, FoldedTrainingSet set, CalibratedEvidence calibrated, SemanticRouterOptions options, int view)
    {
        var dims = set.Vectors[0].Length;
        var rows = Enumerable.Range(0, set.Labels.Length).Where(i => view < 0 || set.Fold[i] != view).ToArray();
        return new SemanticRouterModel
        {
            RouteNames = [.. Enumerable.Range(0, trace.Routes).Select(r => r.ToString(CultureInfo.InvariantCulture))],
            HasNegativeClass = trace.HasGivenNegatives,
            Head = new SoftmaxHead(trace.Classes, dims, new float[trace.Classes * dims], new float[trace.Classes]),
            Temperature = calibrated.Temperature,
            Examples = NeighbourIndex.Build(set.Vectors, rows.Where(i => set.Labels[i] < set.Routes), dims, set.Labels, set.Routes),
            NegativeExamples = NeighbourIndex.Build(set.Vectors, rows.Where(i => set.Labels[i] == set.Routes), dims),
            Neighbours = options.Neighbours,
            NeighbourRoutes = options.NeighbourRoutes,
            Evidence = SemanticRouterCalibrator.EffectiveEvidence(options.Evidence, set.HasNegatives),
            Stacker = calibrated.Stacker,
            NeighbourVoteWeight = calibrated.NeighbourVote,
            Threshold = calibrated.Threshold,
            CrossValidation = calibrated.CrossValidation,
        };
    }

    /// <summary>
    /// Assembles the model the fitter would produce from this recorded fit (<see cref="SemanticRouterFitter.Assemble"/>,
    /// with this build's calibration) and writes it where <c>eval routing --router-cache DIR</c> of
    /// the same data, options and quantization looks, so the CLI routes real requests with it
    /// without a second fit.
    /// </summary>
    private static int WriteCache(string directory, string[] args, LabTraceData trace, FoldedTrainingSet set, LabData data, SemanticRouterOptions options)
    {
        var heldOut = options.HoldOutIntents ? trace.HeldOut : [];
        var calibrated = SemanticRouterCalibrator.Calibrate(set, options, CalibrationVariant.Shipped, heldOut, null, CancellationToken.None);
        var heads = trace.Heads;
        var model = SemanticRouterFitter.Assemble([.. data.Set.Routes.Select(r => r.Name)], set, heads[^1], calibrated, options);
        var embedderId = $"embedded-minilm/{Orchestrator.Models.MiniLmEmbeddingGenerator.ModelIdFor(LabData.Quantization(args))}/{Orchestrator.Models.MiniLmEmbeddingGenerator.Dimensions}";
        var key = RouterCacheKey.Compute(SemanticRouter.Clean(data.Set), options, embedderId);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"semantic-router-{key}.bin");
        SemanticRouterModelFile.Write(file, key, model);
        Console.WriteLine(JsonSerializer.Serialize(new { cache = file, threshold = model.Threshold, temperature = model.Temperature }));
        return 0;
    }

    private static float[] Mean(float[][] logits, int from, int to)
    {
        var mean = new float[logits[0].Length];
        for (var h = from; h < to; h++)
        {
            for (var c = 0; c < mean.Length; c++)
            {
                mean[c] += logits[h][c] / (to - from);
            }
        }

        return mean;
    }

    /// <summary>Quantiles of each stacker feature and the score on correctly routed rows: out-of-fold training vs test (final head) vs test (fold head 0's view).</summary>
    private static object Shift(LabTraceData trace, FoldedTrainingSet set, LabData data, SemanticRouterOptions options)
    {
        var calibrated = SemanticRouterCalibrator.Calibrate(set, options, CalibrationVariant.Shipped, [], null, CancellationToken.None);
        var oof = calibrated.Evidence.Where((e, i) => set.Labels[i] < set.Routes && e.Route == set.Labels[i]).ToList();
        List<RouteEvidence> Test(int view)
        {
            var model = Model(trace, set, calibrated, options, view);
            var heads = trace.CorrectedTestLogits[0].Length;
            var probs = new float[trace.Classes];
            var result = new List<RouteEvidence>();
            for (var t = 0; t < data.Test.Count; t++)
            {
                var row = data.Test[t];
                if (row.IsOutOfScope)
                {
                    continue;
                }

                trace.CorrectedTestLogits[t][view < 0 ? heads - 1 : view].CopyTo(probs, 0);
                var e = model.EvaluateLogits(data.Vector(data.CorrectedTest[t]), probs);
                if (data.Set.Routes[e.Route].Name == row.Label)
                {
                    result.Add(e);
                }
            }

            return result;
        }

        object Describe(List<RouteEvidence> rows)
        {
            string Q(Func<RouteEvidence, float> f)
            {
                var v = rows.Select(f).Order().ToArray();
                return string.Join(" / ", new[] { 0.01, 0.05, 0.5 }.Select(q => v[(int)(q * (v.Length - 1))].ToString("F3", CultureInfo.InvariantCulture)));
            }

            return new
            {
                rows = rows.Count,
                score = Q(e => calibrated.Stacker?.Probability(e) ?? 0),
                confidence = Q(e => e.Confidence),
                similarity = Q(e => e.Similarity),
                negative_similarity = Q(e => e.NegativeSimilarity),
                route_similarity = Q(e => e.RouteSimilarity),
                oos_probability = Q(e => e.OutOfScopeProbability),
                energy = Q(e => e.Energy),
                rejected = Math.Round(rows.Count(e => (calibrated.Stacker?.Probability(e) ?? 0) < calibrated.Threshold) / (double)rows.Count, 4),
            };
        }

        return new
        {
            quantiles = "p01 / p05 / p50 of correctly routed in-scope rows",
            stacker = calibrated.Stacker is { } s ? string.Join(", ", s.Weights.Select(w => w.ToString("F3", CultureInfo.InvariantCulture))) : null,
            out_of_fold = Describe(oof),
            test_final_head = Describe(Test(-1)),
            test_fold0_view = Describe(Test(0)),
        };
    }
}
