using System.Diagnostics;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Classifiers.Training;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Scores a classifier the way the input rail runs it: one text at a time, through the same
/// normalisation, encoder, model and threshold; latency is per text, end to end.
/// </summary>
internal static class GuardianClassifierEvaluator
{
    public static async Task<GuardianClassifierEvalReport> RunAsync(GuardianClassifier classifier, IReadOnlyList<TrainingRow> rows, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            throw new DatasetFormatException("the dataset has no rows");
        }

        // One warm-up call so the encoder's first-use cost is not counted as a request's latency.
        await classifier.ClassifyAsync("warm-up", cancellationToken).ConfigureAwait(false);
        var scores = new double[rows.Count];
        var flagged = new bool[rows.Count];
        var latencies = new List<double>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var verdict = await classifier.ClassifyAsync(rows[i].Text, cancellationToken).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            scores[i] = verdict.Probability;
            flagged[i] = verdict.Flagged;
            progress?.Report(i + 1);
        }

        latencies.Sort();
        var labels = rows.Select(r => r.Label).ToArray();
        var positives = labels.Count(l => l == 1);
        var negatives = rows.Count - positives;
        var truePositives = Enumerable.Range(0, rows.Count).Count(i => labels[i] == 1 && flagged[i]);
        var falsePositives = Enumerable.Range(0, rows.Count).Count(i => labels[i] == 0 && flagged[i]);
        var auc = BinaryMetrics.Auc(scores, labels);
        return new GuardianClassifierEvalReport
        {
            Rows = rows.Count,
            Positives = positives,
            Recall = positives == 0 ? 0 : Math.Round(truePositives / (double)positives, 4),
            BenignAccuracy = negatives == 0 ? 0 : Math.Round(1 - (falsePositives / (double)negatives), 4),
            FalsePositiveRate = negatives == 0 ? 0 : Math.Round(falsePositives / (double)negatives, 4),
            Auc = double.IsNaN(auc) ? 0 : Math.Round(auc, 4),
            LatencyMs = new RetrievalLatency(Math.Round(RoutingMetrics.Percentile(latencies, 50), 3), Math.Round(RoutingMetrics.Percentile(latencies, 95), 3)),
            Threshold = classifier.Threshold,
        };
    }
}
