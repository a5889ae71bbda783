using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orchestrator.Guardian.Classifiers;
using Orchestrator.Guardian.Classifiers.Training;
using Orchestrator.Models.Batching;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Scores a classifier the way the input rail runs it: one text at a time, through the same
/// normalisation, encoder, model and threshold; latency is per text, end to end, and again inside
/// a request scope whose memo already holds the text's vector (what the input rail costs in the pipeline).
/// </summary>
internal static class GuardianClassifierEvaluator
{
    public static async Task<GuardianClassifierEvalReport> RunAsync(ClassifierModel model, IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<TrainingRow> rows, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        // Not disposed: disposing a delegating generator would dispose the caller's embedder.
        var scoped = new RequestScopedEmbeddingGenerator(embedder);
        var classifier = new GuardianClassifier(model, scoped);
        var report = await RunAsync(classifier, rows, progress, cancellationToken).ConfigureAwait(false);
        if (model.RequiredEncoder is null)
        {
            // No encoder call to share: the check costs the same in a request.
            return report with { LatencyInRequestMs = report.LatencyMs };
        }

        var inRequest = new List<double>(rows.Count);
        foreach (var row in rows)
        {
            using (EmbeddingScope.Begin())
            {
                // Routing embeds the question in the same request (untimed here: it is routing's cost).
                _ = await scoped.GenerateAsync([row.Text], cancellationToken: cancellationToken).ConfigureAwait(false);
                var start = Stopwatch.GetTimestamp();
                _ = await classifier.ClassifyAsync(row.Text, cancellationToken).ConfigureAwait(false);
                inRequest.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        inRequest.Sort();
        return report with { LatencyInRequestMs = new RetrievalLatency(Math.Round(RoutingMetrics.Percentile(inRequest, 50), 3), Math.Round(RoutingMetrics.Percentile(inRequest, 95), 3)) };
    }

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
