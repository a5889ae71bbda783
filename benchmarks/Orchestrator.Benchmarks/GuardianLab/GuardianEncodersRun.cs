using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestrator.Benchmarks.Encoders;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Classifiers.Training;
using Orchestrator.Models;

namespace Orchestrator.Benchmarks.GuardianLab;

/// <summary>
/// <c>guardian-encoders --task injection|harm --data F [--unseen F] [--encoder minilm|arctic|both]
/// [--pooling head|whole|mean|meanmax] [--cache-dir D] [--document-rule P] [--calibrate-on A,B] [--l2 X] [--out F]</c>:
/// the <c>guardian train --embedding-head</c> experiment with another sentence encoder (Snowflake
/// arctic-embed-xs, or both encoders side by side) and with the encoder reading every window of a long
/// text (mean, or mean and element-wise maximum). Prints the leave-one-source-out figures and, with
/// <c>--unseen</c>, the same model's AUC, recall and false-positive rate on a file never used for training.
/// </summary>
internal static class GuardianEncodersRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => RoutingRunArgs.Value(args, name);
        var task = Arg("--task") ?? "injection";
        var data = Arg("--data") ?? throw new ArgumentException("--data FILE is required");
        var encoder = Arg("--encoder") ?? "arctic";
        var pooling = (Arg("--pooling") ?? "head") switch
        {
            "head" => EncoderPooling.Head,
            "whole" => EncoderPooling.Whole,
            "mean" => EncoderPooling.Mean,
            "meanmax" => EncoderPooling.MeanMax,
            var other => throw new ArgumentException($"--pooling {other}: expected head, whole, mean or meanmax"),
        };
        var cacheDir = Arg("--cache-dir") ?? Path.GetTempPath();
        Directory.CreateDirectory(cacheDir);

        using var miniLmInner = new MiniLmEmbeddingGenerator(batchSize: 16, maxConcurrentBatches: 1, intraOpThreads: 1);
        using var arcticInner = new ArcticXsEmbeddingGenerator(batchSize: 16, intraOpThreads: 1);
        using var miniLm = new EmbeddingFileCache(miniLmInner, Path.Combine(cacheDir, "guardian-minilm-windows.cache"), MiniLmEmbeddingGenerator.Dimensions);
        using var arctic = new EmbeddingFileCache(arcticInner, Path.Combine(cacheDir, "guardian-arctic-windows.cache"), 384);
        using IEmbeddingGenerator<string, Embedding<float>> embedder = encoder switch
        {
            "minilm" => miniLm,
            "arctic" => arctic,
            "both" => new ConcatenatedEmbeddingGenerator(miniLm, arctic),
            _ => throw new ArgumentException($"--encoder {encoder}: expected minilm, arctic or both"),
        };

        var rows = GuardianDatasetReader.Read([data]);
        var options = new ClassifierTrainingOptions
        {
            Task = task,
            TargetFalsePositiveRate = task == "harm" ? 0.05 : 0.03,
            Encoder = encoder,
            EmbeddingHead = true,
            Pooling = pooling,
            DocumentInstructionFloor = Arg("--document-rule") is { } floor ? double.Parse(floor, CultureInfo.InvariantCulture) : null,
            CalibrationSources = Arg("--calibrate-on")?.Split(',', StringSplitOptions.RemoveEmptyEntries),
            L2 = Arg("--l2") is { } l2 ? double.Parse(l2, CultureInfo.InvariantCulture) : 1e-5,
            EqualSourceWeights = args.Contains("--equal-source-weights"),
        };
        var progress = new Progress<string>(message => Console.Error.WriteLine(message));
        var result = await GuardianClassifierTrainer.TrainAsync(rows, embedder, options, progress).ConfigureAwait(false);
        if (Arg("--out") is { } outPath)
        {
            await File.WriteAllTextAsync(outPath, result.Model.ToJson() + "\n").ConfigureAwait(false);
        }

        var cv = result.CrossValidation!;
        var chosen = cv.EmbeddingHeadCandidates?[0];
        object? unseen = null;
        if (Arg("--unseen") is { } unseenPath)
        {
            unseen = await ScoreAsync(result.Model, embedder, pooling, GuardianDatasetReader.ReadForEvaluation(unseenPath)).ConfigureAwait(false);
        }

        var report = new
        {
            task,
            encoder,
            pooling = pooling.ToString(),
            train_seconds = Math.Round(result.TrainSeconds),
            cross_validation = new
            {
                auc = Math.Round(cv.Auc, 4),
                main_head_auc = cv.MainHeadAuc is { } m ? Math.Round(m, 4) : (double?)null,
                threshold = Math.Round(cv.Threshold, 4),
                recall = Math.Round(cv.Recall, 4),
                false_positive_rate = Math.Round(cv.FalsePositiveRate, 4),
                calibration_false_positive_rate = cv.CalibrationFalsePositiveRate is { } c ? Math.Round(c, 4) : (double?)null,
                nested = cv.Nested,
                chosen = chosen is null ? null : new { chosen.L2, equal_weights = chosen.EqualSourceWeights, chosen.Blend, chosen.Auc, chosen.Recall },
                embedding_alone_best_auc = cv.EmbeddingHeadCandidates?.Where(c => c.Blend == 1).Max(c => c.Auc),
                per_source = cv.PerSource.Select(s => new { s.Source, s.Recall, s.FalsePositiveRate }),
            },
            unseen,
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static async Task<object> ScoreAsync(ClassifierModel model, IEmbeddingGenerator<string, Embedding<float>> embedder, EncoderPooling pooling, IReadOnlyList<TrainingRow> rows)
    {
        var features = new ClassifierFeatures(model.EmbeddingHead is null ? null : embedder, model.HashBits, separateEmbedding: model.EmbeddingHead is not null, pooling: pooling, cueHead: model.CueHead is not null);
        var scores = new List<double>(rows.Count);
        foreach (var chunk in rows.Chunk(64))
        {
            var extracted = await features.ExtractManyAsync([.. chunk.Select(r => r.Text)], CancellationToken.None).ConfigureAwait(false);
            scores.AddRange(extracted.Select(e => LogisticHead.Probability(model, e.Features)));
        }

        var labels = rows.Select(r => r.Label).ToArray();
        var positives = Enumerable.Range(0, rows.Count).Where(i => labels[i] == 1).ToArray();
        var benign = Enumerable.Range(0, rows.Count).Where(i => labels[i] == 0).ToArray();
        return new
        {
            rows = rows.Count,
            positives = positives.Length,
            auc = Math.Round(BinaryMetrics.Auc(scores, labels), 4),
            recall = Math.Round(positives.Count(i => scores[i] >= model.Threshold) / (double)Math.Max(1, positives.Length), 4),
            false_positive_rate = Math.Round(benign.Count(i => scores[i] >= model.Threshold) / (double)Math.Max(1, benign.Length), 4),
        };
    }
}
