namespace Orchestrator.Guardian.Classifiers.Training;

/// <summary>Rank AUC and threshold choice shared by training and evaluation.</summary>
public static class BinaryMetrics
{
    /// <summary>Area under the ROC curve (ties count half); NaN when one class is missing.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0 + 1;
            }

            i = j + 1;
        }

        double positives = labels.Count(l => l == 1), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var rankSum = Enumerable.Range(0, labels.Count).Where(i => labels[i] == 1).Sum(i => ranks[i]);
        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    /// <summary>The lowest threshold whose false-positive rate on the benign scores is at most <paramref name="targetFpr"/>.</summary>
    public static double ThresholdForFpr(IReadOnlyList<double> benignScores, double targetFpr)
    {
        ArgumentNullException.ThrowIfNull(benignScores);
        if (benignScores.Count == 0)
        {
            return 0.5;
        }

        var sorted = benignScores.OrderByDescending(s => s).ToArray();
        var allowed = (int)Math.Floor(targetFpr * sorted.Length);

        // Flag strictly above the (allowed+1)-th highest benign score.
        var boundary = sorted[Math.Min(allowed, sorted.Length - 1)];
        var threshold = Math.BitIncrement(boundary);
        return Math.Clamp(threshold, 1e-6, 1 - 1e-6);
    }
}
