using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>
/// Trains a guardian classifier from labelled rows: features once, then one model per held-out
/// source (leave-one-source-out) to score every row with a model that never saw its source; the
/// threshold is set on those held-out scores for the target false-positive rate, and the shipped
/// model is fitted on all rows. Deterministic for the same rows, options and encoder.
/// </summary>
public static class GuardianClassifierTrainer
{
    public static async Task<ClassifierTrainingResult> TrainAsync(
        IReadOnlyList<TrainingRow> rows,
        IEmbeddingGenerator<string, Embedding<float>>? embedder,
        ClassifierTrainingOptions options,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesEncoder && embedder is null)
        {
            throw new ArgumentException($"Training with encoder '{options.Encoder}' needs the embedder.", nameof(embedder));
        }

        if (rows.Count == 0 || rows.All(r => r.Label == 1) || rows.All(r => r.Label == 0))
        {
            throw new ArgumentException("Training needs rows of both labels (1 and 0).", nameof(rows));
        }

        var clock = Stopwatch.StartNew();
        var extractor = new ClassifierFeatures(options.UsesEncoder ? embedder : null, options.HashBits);
        var features = new List<FeatureVector>(rows.Count);
        const int batch = 64;
        for (var start = 0; start < rows.Count; start += batch)
        {
            var texts = rows.Skip(start).Take(batch).Select(r => r.Text).ToArray();
            features.AddRange((await extractor.ExtractManyAsync(texts, cancellationToken).ConfigureAwait(false)).Select(f => f.Features));
            progress?.Report($"features {Math.Min(start + batch, rows.Count)}/{rows.Count}");
        }

        var labels = rows.Select(r => r.Label).ToArray();
        var sources = rows.Select(r => r.Source).ToArray();
        CrossValidationReport? report = null;
        var threshold = 0.5;
        if (options.CrossValidate)
        {
            report = CrossValidate(features, labels, sources, options, progress, cancellationToken);
            threshold = report.Threshold;
        }

        progress?.Report("fitting the final model on all rows");
        var (bias, dense, sparse) = LogisticTrainer.Fit(features, labels, sources, options.HashBits, options);
        var training = new Dictionary<string, object?>
        {
            ["rows"] = rows.Count,
            ["positives"] = labels.Count(l => l == 1),
            ["sources"] = sources.Distinct().Order(StringComparer.Ordinal).ToArray(),
            ["target_false_positive_rate"] = options.TargetFalsePositiveRate,
            ["epochs"] = options.Epochs,
            ["learning_rate"] = options.LearningRate,
            ["l2"] = options.L2,
            ["seed"] = options.Seed,
        };
        if (options.EqualSourceWeights)
        {
            training["source_weighting"] = "equal";
        }

        if (options.DocumentInstructionFloor is { } floor)
        {
            training["document_instruction_floor"] = floor;
        }

        if (report is not null)
        {
            training["cross_validation"] = new
            {
                method = "leave-one-source-out",
                auc = Math.Round(report.Auc, 4),
                recall = Math.Round(report.Recall, 4),
                false_positive_rate = Math.Round(report.FalsePositiveRate, 4),
            };
        }

        var model = new ClassifierModel
        {
            Task = options.Task,
            Encoder = options.Encoder,
            EncoderDimensions = features[0].Dense.Length - StructureCues.Count,
            HashBits = options.HashBits,
            CueCount = StructureCues.Count,
            Bias = bias,
            DenseWeights = dense.Select(Round).ToArray(),
            SparseWeights = sparse.Select(Round).ToArray(),
            Threshold = threshold,
            DocumentInstructionFloor = options.DocumentInstructionFloor,
            Training = training.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value)),
        };
        return new ClassifierTrainingResult(model, report, clock.Elapsed.TotalSeconds);
    }

    private static CrossValidationReport CrossValidate(
        List<FeatureVector> features, int[] labels, string[] sources, ClassifierTrainingOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var scores = new double[features.Count];
        var distinct = sources.Distinct().Order(StringComparer.Ordinal).ToArray();
        var fold = 0;
        foreach (var held in distinct)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var train = Enumerable.Range(0, features.Count).Where(i => sources[i] != held).ToArray();
            var trainLabels = train.Select(i => labels[i]).ToArray();
            if (trainLabels.All(l => l == 1) || trainLabels.All(l => l == 0))
            {
                throw new ArgumentException($"Holding out source '{held}' leaves only one label to train on; add rows of both labels from other sources.");
            }

            var (bias, dense, sparse) = LogisticTrainer.Fit(train.Select(i => features[i]).ToArray(), trainLabels, train.Select(i => sources[i]).ToArray(), options.HashBits, options);
            for (var i = 0; i < features.Count; i++)
            {
                if (sources[i] == held)
                {
                    scores[i] = LogisticHead.WithDocumentRule(LogisticHead.Sigmoid(LogisticHead.Margin(bias, dense, sparse, features[i])), options.DocumentInstructionFloor, features[i]);
                }
            }

            progress?.Report($"held out {held} ({++fold}/{distinct.Length})");
        }

        var benign = Enumerable.Range(0, scores.Length).Where(i => labels[i] == 0).Select(i => scores[i]).ToArray();
        var threshold = BinaryMetrics.ThresholdForFpr(benign, options.TargetFalsePositiveRate);
        var positives = labels.Count(l => l == 1);
        var perSource = distinct.Select(s =>
        {
            var idx = Enumerable.Range(0, scores.Length).Where(i => sources[i] == s).ToArray();
            var pos = idx.Where(i => labels[i] == 1).ToArray();
            var neg = idx.Where(i => labels[i] == 0).ToArray();
            return new SourceScore(
                s,
                idx.Length,
                pos.Length,
                pos.Length == 0 ? null : pos.Count(i => scores[i] >= threshold) / (double)pos.Length,
                neg.Length == 0 ? null : neg.Count(i => scores[i] >= threshold) / (double)neg.Length);
        }).ToList();
        return new CrossValidationReport(
            scores.Length,
            positives,
            distinct.Length,
            BinaryMetrics.Auc(scores, labels),
            threshold,
            Enumerable.Range(0, scores.Length).Count(i => labels[i] == 1 && scores[i] >= threshold) / (double)Math.Max(1, positives),
            benign.Count(s => s >= threshold) / (double)Math.Max(1, benign.Length),
            perSource);
    }

    /// <summary>Six significant digits are plenty for a logistic head and keep the shipped file small.</summary>
    private static float Round(float w) => w == 0 ? 0 : float.Parse(w.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
