using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>
/// Trains a guardian classifier from labelled rows: features once, then one model per held-out
/// source (leave-one-source-out) to score every row with a model that never saw its source; the
/// threshold is set on those held-out scores for the target false-positive rate, and the shipped
/// model is fitted on all rows. With <see cref="ClassifierTrainingOptions.EmbeddingHead"/> the
/// encoder's vectors get their own head, whose settings and blend are chosen on the same held-out
/// scores. Deterministic for the same rows, options and encoder.
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

        if (options.EmbeddingHead && !options.UsesEncoder)
        {
            throw new ArgumentException("An embedding head needs an encoder; 'none' was given.", nameof(options));
        }

        if (options.EmbeddingHead && options.CueHead)
        {
            throw new ArgumentException("A model has an embedding head or a cue head, not both.", nameof(options));
        }

        if (rows.Count == 0 || rows.All(r => r.Label == 1) || rows.All(r => r.Label == 0))
        {
            throw new ArgumentException("Training needs rows of both labels (1 and 0).", nameof(rows));
        }

        var clock = Stopwatch.StartNew();
        var extractor = new ClassifierFeatures(options.UsesEncoder ? embedder : null, options.HashBits, separateEmbedding: options.EmbeddingHead, pooling: options.Pooling, cueHead: options.CueHead, documentCues: options.DocumentInstructionFloor is not null);
        var features = new List<FeatureVector>(rows.Count);
        const int batch = 64;
        for (var start = 0; start < rows.Count; start += batch)
        {
            var texts = rows.Skip(start).Take(batch).Select(r => r.Text).ToArray();
            features.AddRange((await extractor.ExtractManyAsync(texts, cancellationToken).ConfigureAwait(false)).Select(f => f.Features));
            progress?.Report($"features {Math.Min(start + batch, rows.Count)}/{rows.Count}");
        }

        if (options.DroppedCues is { Count: > 0 } dropped)
        {
            features = [.. features.Select(f => WithoutCues(f, dropped))];
        }

        var labels = rows.Select(r => r.Label).ToArray();
        var sources = rows.Select(r => r.Source).ToArray();
        CrossValidationReport? report = null;
        var threshold = 0.5;
        var chosen = options.EmbeddingHead || options.CueHead ? new EmbeddingHeadCandidate(options.EmbeddingL2Grid[0], false, options.BlendGrid[^1], double.NaN, double.NaN) : null;
        if (options.CrossValidate)
        {
            report = SourceCrossValidation.Run(features, labels, sources, options, progress, cancellationToken);
            threshold = report.Threshold;
            chosen = report.EmbeddingHeadCandidates?[0] ?? chosen;
        }

        progress?.Report("fitting the final model on all rows");
        var (bias, dense, sparse) = LogisticTrainer.Fit(features, labels, sources, options.HashBits, options);
        EmbeddingHead? head = null;
        CueHead? cueHead = null;
        if (chosen is { Blend: > 0 } && options.CueHead)
        {
            var (cueBias, cueWeights) = EmbeddingHeadTrainer.Fit(features.Select(f => f.HeadCues!).ToArray(), labels, LogisticTrainer.RowWeights(labels, sources, chosen.EqualSourceWeights), chosen.L2);
            cueHead = new CueHead { Bias = cueBias, Weights = cueWeights.Select(Round).ToArray(), Blend = chosen.Blend };
        }

        // A blend of 0 means the held-out sources were served best by the n-gram head alone: ship no encoder dependency.
        else if (chosen is { Blend: > 0 })
        {
            var (headBias, weights) = EmbeddingHeadTrainer.Fit(features.Select(f => f.Embedding!).ToArray(), labels, LogisticTrainer.RowWeights(labels, sources, chosen.EqualSourceWeights), chosen.L2);
            head = new EmbeddingHead { Encoder = options.Encoder, Dimensions = weights.Length, Bias = headBias, Weights = weights.Select(Round).ToArray(), Blend = chosen.Blend, Input = options.Pooling == EncoderPooling.Whole ? EmbeddingHead.WholeTextInput : null };
        }

        var model = new ClassifierModel
        {
            Task = options.Task,
            Encoder = options.EmbeddingHead || !options.UsesEncoder ? "none" : options.Encoder,
            EncoderDimensions = features[0].Dense.Length - StructureCues.Count,
            HashBits = options.HashBits,
            CueCount = StructureCues.Count,
            Bias = bias,
            DenseWeights = dense.Select(Round).ToArray(),
            SparseWeights = sparse.Select(Round).ToArray(),
            Threshold = threshold,
            DocumentInstructionFloor = options.DocumentInstructionFloor,
            EmbeddingHead = head,
            CueHead = cueHead,
            Training = TrainingSummary(rows.Count, labels, sources, options, report, chosen),
        };
        return new ClassifierTrainingResult(model, report, clock.Elapsed.TotalSeconds);
    }

    private static Dictionary<string, JsonElement> TrainingSummary(int rowCount, int[] labels, string[] sources, ClassifierTrainingOptions options, CrossValidationReport? report, EmbeddingHeadCandidate? chosen)
    {
        var training = new Dictionary<string, object?>
        {
            ["rows"] = rowCount,
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

        if (options.CalibrationSources is { Count: > 0 } calibration)
        {
            training["calibration_sources"] = calibration;
        }

        if (options.PerFamilyThreshold)
        {
            training["threshold_rule"] = "strictest of each calibration family's held-out threshold, the calibration families pooled, and every benign row";
        }

        if (options.FamilyMedianThreshold)
        {
            training["threshold_rule"] = "median over benign source families of each family's held-out threshold";
        }

        if (options.DroppedCues is { Count: > 0 } dropped)
        {
            training["dropped_cues"] = dropped;
        }

        if (options.MinNgramFamilies > 1)
        {
            training["min_ngram_families"] = options.MinNgramFamilies;
        }

        if (options.DocumentInstructionFloor is { } floor)
        {
            training["document_instruction_floor"] = floor;
        }

        if (chosen is not null)
        {
            training[options.CueHead ? "cue_head" : "embedding_head"] = new
            {
                l2 = chosen.L2,
                source_weighting = chosen.EqualSourceWeights ? "equal" : "sqrt",
                blend = chosen.Blend,
                input = options.CueHead ? null : options.Pooling == EncoderPooling.Whole ? EmbeddingHead.WholeTextInput : EmbeddingHead.HeadWindowInput,
                iterations = EmbeddingHeadTrainer.Iterations,
                chosen_by = "leave-one-source-out recall at 0.5, 1 and 2 times the target false-positive rate (mean), then AUC",
            };
        }

        if (report is not null)
        {
            training["cross_validation"] = new
            {
                method = "leave-one-source-out",
                auc = Math.Round(report.Auc, 4),
                recall = Math.Round(report.Recall, 4),
                false_positive_rate = Math.Round(report.FalsePositiveRate, 4),
                main_head_auc = report.MainHeadAuc is { } m ? Math.Round(m, 4) : (double?)null,
                nested = report.Nested is { } n ? new { recall = Math.Round(n.Recall, 4), false_positive_rate = Math.Round(n.FalsePositiveRate, 4), calibration_false_positive_rate = n.CalibrationFalsePositiveRate is { } c ? Math.Round(c, 4) : (double?)null } : null,
            };
        }

        return training.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value));
    }

    /// <summary>The features with the named structure cues (the last <see cref="StructureCues.Count"/> dense values) zeroed.</summary>
    internal static FeatureVector WithoutCues(FeatureVector features, IReadOnlyList<int> cues)
    {
        var dense = (float[])features.Dense.Clone();
        var first = dense.Length - StructureCues.Count;
        foreach (var cue in cues)
        {
            if (cue < 0 || cue >= StructureCues.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(cues), cue, $"A structure cue index is between 0 and {StructureCues.Count - 1}.");
            }

            dense[first + cue] = 0;
        }

        return features with { Dense = dense };
    }

    /// <summary>Six significant digits are plenty for a logistic head and keep the shipped file small.</summary>
    private static float Round(float w) => w == 0 ? 0 : float.Parse(w.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
