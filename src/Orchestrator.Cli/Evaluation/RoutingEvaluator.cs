using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orchestrator.Diagnostics;
using Orchestrator.Routing;
using Orchestrator.Routing.Typos;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Runs <c>eval routing</c>: fits a fresh <see cref="SemanticRouter"/> on the training file alone
/// (out-of-scope rows become negatives), routes every test utterance one at a time, and scores.
/// </summary>
public static class RoutingEvaluator
{
    public static async Task<RoutingEvalReport> RunAsync(
        RoutingEvalRequest request,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(embedder);
        var (train, test) = await LoadAsync(request, cancellationToken).ConfigureAwait(false);
        if (test.Count == 0)
        {
            throw new DatasetFormatException($"{Path.GetFullPath(request.TestPath)}: the test part holds no examples.");
        }

        var heldOutIntents = 0;
        if (request.HoldoutIntents is { } share)
        {
            (train, test, heldOutIntents) = HoldOutIntents(train, test, share, request.SplitSeed);
        }

        var set = ToTrainingSet(train) with { Background = request.Background ? RouterBackground.Builtin : null };
        var fitClock = Stopwatch.StartNew();
        var fitProgress = ScaledProgress.Over(progress, 0, 0.5);
        var router = await SemanticRouter.FitAsync(set, embedder, request.RouterOptions, request.CacheDirectory, fitProgress, cancellationToken).ConfigureAwait(false);
        var corrector = SpellingCorrector.FromTexts(train.Select(r => r.Text));
        IRouter routing = request.CorrectTypos ? new TypoTolerantRouter(router, corrector) : router;
        fitClock.Stop();

        // One untimed call first, so one-off JIT and session warm-up are not billed to a request.
        await routing.RouteAsync(test[0].Text, cancellationToken).ConfigureAwait(false);

        var gold = new string[test.Count];
        var predicted = new string[test.Count];
        var latencies = new double[test.Count];
        var routed = new List<(double Confidence, bool Correct)>(test.Count);
        var lowConfidence = new RoutingLowConfidence(0, 0, 0, 0, 0, 0);
        for (var i = 0; i < test.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var decision = await routing.RouteAsync(test[i].Text, cancellationToken).ConfigureAwait(false);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            gold[i] = test[i].IsOutOfScope ? LabeledUtterance.OutOfScopeLabel : test[i].Label;
            predicted[i] = decision.OutOfScope || decision.Route is null ? LabeledUtterance.OutOfScopeLabel : decision.Route;
            if (predicted[i] != LabeledUtterance.OutOfScopeLabel)
            {
                routed.Add((decision.Confidence, predicted[i] == gold[i]));
                lowConfidence = lowConfidence.Add(test[i].IsOutOfScope, predicted[i] == gold[i], decision.LowConfidence);
            }

            if (progress is not null && i % 100 == 0)
            {
                progress.Report(0.5 + (0.5 * i / test.Count));
            }
        }

        var typos = request.TypoRate is { } rate
            ? await RoutingTypoEvaluator.RunAsync(router, corrector, embedder, test, rate, request.TypoSeed, cancellationToken).ConfigureAwait(false)
            : null;
        Array.Sort(latencies);
        var (accuracy, recall, precision, macroF1) = RoutingMetrics.Score(gold, predicted);
        progress?.Report(1.0);
        return new RoutingEvalReport
        {
            Examples = test.Count,
            Routes = set.Routes.Count,
            InScopeAccuracy = accuracy,
            OosRecall = recall,
            OosPrecision = precision,
            MacroF1 = macroF1,
            Threshold = router.Threshold,
            ExpectedCalibrationError = CalibrationError.Expected(routed),
            LowConfidence = lowConfidence,
            BackgroundExamples = router.BackgroundExamples,
            HeldOutIntents = heldOutIntents,
            CrossValidation = router.CrossValidation.FirstOrDefault(c => c.Evidence == router.Evidence) is { } cv
                ? new RoutingCrossValidation(cv.InScopeAccuracy, cv.OutOfScopeRecall, cv.HeldOutRouteRecall)
                : null,
            FitSeconds = fitClock.Elapsed.TotalSeconds,
            TypoCorrection = request.CorrectTypos,
            Typos = typos,
            LatencyMs = new LatencySummary(
                RoutingMetrics.Percentile(latencies, 50), RoutingMetrics.Percentile(latencies, 95), RoutingMetrics.Percentile(latencies, 99)),
        };
    }

    /// <summary>
    /// Removes round(<paramref name="share"/> x labels) in-scope labels, chosen by a seeded shuffle of
    /// the sorted labels, from training, and relabels their test rows as out of scope. At least one
    /// label is held out and at least one kept.
    /// </summary>
    public static (IReadOnlyList<LabeledUtterance> Train, IReadOnlyList<LabeledUtterance> Test, int HeldOut) HoldOutIntents(
        IReadOnlyList<LabeledUtterance> train, IReadOnlyList<LabeledUtterance> test, double share, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var labels = train.Where(r => !r.IsOutOfScope).Select(r => r.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new DatasetFormatException("--holdout-intents needs at least two in-scope labels in the training data: one to hold out and one to keep.");
        }

        new Random(seed).Shuffle(labels);
        var count = Math.Clamp((int)Math.Round(share * labels.Length, MidpointRounding.AwayFromZero), 1, labels.Length - 1);
        var heldOut = labels.Take(count).ToHashSet(StringComparer.Ordinal);
        return (
            [.. train.Where(r => !heldOut.Contains(r.Label))],
            [.. test.Select(r => heldOut.Contains(r.Label) ? r with { Label = LabeledUtterance.OutOfScopeLabel } : r)],
            count);
    }

    /// <summary>Every in-scope label becomes a route, in order of first appearance; oos rows become negatives.</summary>
    public static RouterTrainingSet ToTrainingSet(IReadOnlyList<LabeledUtterance> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var routes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var negatives = new List<string>();
        foreach (var row in rows)
        {
            if (row.IsOutOfScope)
            {
                negatives.Add(row.Text);
            }
            else if (routes.TryGetValue(row.Label, out var list))
            {
                list.Add(row.Text);
            }
            else
            {
                routes[row.Label] = [row.Text];
            }
        }

        if (routes.Count == 0)
        {
            throw new DatasetFormatException("The training data has no in-scope examples, so there is no route to fit.");
        }

        return new RouterTrainingSet(routes.Select(r => new RouteExamples(r.Key, r.Value)).ToList(), negatives);
    }

    /// <summary>Reads the train and test parts, splitting them when a holdout is asked for.</summary>
    public static async Task<(IReadOnlyList<LabeledUtterance> Train, IReadOnlyList<LabeledUtterance> Test)> LoadAsync(
        RoutingEvalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Holdout is { } holdout)
        {
            var trainFile = await RoutingDatasetReader.ReadAsync(request.TrainPath, request.Format, RoutingDatasetPart.Train, null, cancellationToken).ConfigureAwait(false);
            var testFile = await RoutingDatasetReader.ReadAsync(request.TestPath, request.Format, RoutingDatasetPart.Train, null, cancellationToken).ConfigureAwait(false);
            return (RoutingDatasetSplitter.Split(trainFile, holdout, request.SplitSeed).Train, RoutingDatasetSplitter.Split(testFile, holdout, request.SplitSeed).Test);
        }

        var train = await RoutingDatasetReader.ReadAsync(request.TrainPath, request.Format, RoutingDatasetPart.Train, null, cancellationToken).ConfigureAwait(false);
        var test = await RoutingDatasetReader.ReadAsync(request.TestPath, request.Format, RoutingDatasetPart.Test, request.TestSplit, cancellationToken).ConfigureAwait(false);
        return (train, test);
    }
}
