using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Classifiers.Training;

namespace Orchestrator.Benchmarks.GuardianLab;

/// <summary>
/// <c>guardian-loso --data F --variants A,B,… [--unseen F] [--out-dir D]</c>: trains the n-gram and cue
/// injection model (<c>guardian train --encoder none --document-rule 0.99</c>) once per variant and prints
/// its leave-one-source-out figures, and for each the two threshold rules scored nested (a family's rows
/// are judged by a threshold set without that family's rows): one threshold over all benign rows pooled
/// (the shipped rule), and the median of the benign families' own thresholds. Variants: <c>base</c>,
/// <c>l2=X</c>, <c>fam=N</c> (n-gram buckets of at least N training families only), <c>nofmt</c> (format cues dropped), <c>eq</c> (equal source weights), <c>median</c> (the
/// family-median threshold in the model), joined with <c>+</c>. <c>--unseen</c> scores each model on a
/// file never used for training (the final check only: choose on the cross-validation figures).
/// </summary>
internal static class GuardianLosoRun
{
    /// <summary>Length, line count, document shape and '?': what tells the training sources apart.</summary>
    private static readonly int[] FormatCues = [0, 1, 2, 13];

    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => RoutingRunArgs.Value(args, name);
        var data = Arg("--data") ?? throw new ArgumentException("--data FILE is required");
        var variants = (Arg("--variants") ?? "base").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var rows = GuardianDatasetReader.Read([data]);
        var unseen = Arg("--unseen") is { } unseenPath ? GuardianDatasetReader.ReadForEvaluation(unseenPath) : null;
        var outDir = Arg("--out-dir");
        var reports = new List<object>();
        foreach (var variant in variants)
        {
            var options = Options(variant);
            var result = await GuardianClassifierTrainer.TrainAsync(rows, null, options).ConfigureAwait(false);
            var cv = result.CrossValidation!;
            var scores = cv.HeldOutScores!;
            var labels = rows.Select(r => r.Label).ToArray();
            var families = rows.Select(r => r.Source).ToArray();
            if (outDir is not null)
            {
                Directory.CreateDirectory(outDir);
                await File.WriteAllTextAsync(Path.Combine(outDir, $"injection.{variant.Replace('=', '_').Replace('+', '_')}.model.json"), result.Model.ToJson() + "\n").ConfigureAwait(false);
            }

            var report = new
            {
                variant,
                train_seconds = Math.Round(result.TrainSeconds),
                auc = Math.Round(cv.Auc, 4),
                threshold = Math.Round(cv.Threshold, 4),
                recall = Math.Round(cv.Recall, 4),
                false_positive_rate = Math.Round(cv.FalsePositiveRate, 4),
                nested_pooled = Nested(scores, labels, families, options.TargetFalsePositiveRate, median: false),
                nested_family_median = Nested(scores, labels, families, options.TargetFalsePositiveRate, median: true),
                per_source = cv.PerSource.Select(s => new { s.Source, recall = Round(s.Recall), fpr = Round(s.FalsePositiveRate) }),
                unseen = unseen is null ? null : await ScoreAsync(result.Model, unseen, SourceCrossValidation.FamilyMedianThreshold(scores, labels, families, options.TargetFalsePositiveRate, except: null)),
            };
            reports.Add(report);
            Console.WriteLine(JsonSerializer.Serialize(report));
        }

        return 0;
    }

    private static ClassifierTrainingOptions Options(string variant)
    {
        var options = new ClassifierTrainingOptions { Task = "injection", Encoder = "none", DocumentInstructionFloor = 0.99 };
        foreach (var part in variant.Split('+'))
        {
            options = part switch
            {
                "base" => options,
                "nofmt" => options with { DroppedCues = FormatCues },
                "eq" => options with { EqualSourceWeights = true },
                "median" => options with { FamilyMedianThreshold = true },
                _ when part.StartsWith("fam=", StringComparison.Ordinal) => options with { MinNgramFamilies = int.Parse(part[4..], CultureInfo.InvariantCulture) },
                _ when part.StartsWith("l2=", StringComparison.Ordinal) => options with { L2 = double.Parse(part[3..], CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"--variants: '{part}' is not a variant; expected base, l2=X, fam=N, nofmt, eq, median"),
            };
        }

        return options;
    }

    /// <summary>Each family's rows judged by a threshold set on the other families' benign held-out scores.</summary>
    private static object Nested(IReadOnlyList<double> scores, int[] labels, string[] families, double target, bool median)
    {
        int truePositives = 0, positives = 0, falsePositives = 0, benign = 0;
        var perFamilyFpr = new List<(string Family, double Fpr)>();
        foreach (var family in families.Distinct().Order(StringComparer.Ordinal))
        {
            var threshold = median
                ? SourceCrossValidation.FamilyMedianThreshold(scores, labels, families, target, except: family)
                : BinaryMetrics.ThresholdForFpr([.. Enumerable.Range(0, scores.Count).Where(i => labels[i] == 0 && families[i] != family).Select(i => scores[i])], target);
            var rows = Enumerable.Range(0, scores.Count).Where(i => families[i] == family).ToArray();
            truePositives += rows.Count(i => labels[i] == 1 && scores[i] >= threshold);
            positives += rows.Count(i => labels[i] == 1);
            var familyBenign = rows.Where(i => labels[i] == 0).ToArray();
            var familyFalse = familyBenign.Count(i => scores[i] >= threshold);
            falsePositives += familyFalse;
            benign += familyBenign.Length;
            if (familyBenign.Length > 0)
            {
                perFamilyFpr.Add((family, familyFalse / (double)familyBenign.Length));
            }
        }

        return new
        {
            recall = Math.Round(truePositives / (double)positives, 4),
            false_positive_rate = Math.Round(falsePositives / (double)benign, 4),
            median_family_fpr = Math.Round(perFamilyFpr.Select(f => f.Fpr).Order().ElementAt(perFamilyFpr.Count / 2), 4),
            max_family_fpr = Math.Round(perFamilyFpr.Max(f => f.Fpr), 4),
            worst_family = perFamilyFpr.MaxBy(f => f.Fpr).Family,
        };
    }

    private static async Task<object> ScoreAsync(ClassifierModel model, IReadOnlyList<TrainingRow> rows, double familyMedianThreshold)
    {
        var features = new ClassifierFeatures(null, model.HashBits);
        var extracted = await features.ExtractManyAsync([.. rows.Select(r => r.Text)], CancellationToken.None).ConfigureAwait(false);
        var scores = extracted.Select(e => LogisticHead.Probability(model, e.Features)).ToArray();
        var labels = rows.Select(r => r.Label).ToArray();
        object At(double threshold) => new
        {
            threshold = Math.Round(threshold, 4),
            recall = Math.Round(Enumerable.Range(0, rows.Count).Count(i => labels[i] == 1 && scores[i] >= threshold) / (double)Math.Max(1, labels.Count(l => l == 1)), 4),
            false_positive_rate = Math.Round(Enumerable.Range(0, rows.Count).Count(i => labels[i] == 0 && scores[i] >= threshold) / (double)Math.Max(1, labels.Count(l => l == 0)), 4),
        };
        return new { auc = Math.Round(BinaryMetrics.Auc(scores, labels), 4), model_threshold = At(model.Threshold), family_median_threshold = At(familyMedianThreshold) };
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
