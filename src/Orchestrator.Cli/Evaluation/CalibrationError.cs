namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Expected calibration error of routed requests: confidences are put in equal-width bins, and
/// each bin's gap between mean confidence and accuracy is weighted by its share of requests. A
/// router whose "0.9" is right 9 times in 10 scores 0; rejections are not routes and are left out.
/// </summary>
public static class CalibrationError
{
    public const int DefaultBins = 10;

    /// <returns>The error in [0, 1], or null when nothing was routed.</returns>
    public static double? Expected(IReadOnlyList<(double Confidence, bool Correct)> routed, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(routed);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (routed.Count == 0)
        {
            return null;
        }

        var error = 0.0;
        foreach (var bin in routed.GroupBy(r => Math.Min(bins - 1, (int)(Math.Clamp(r.Confidence, 0, 1) * bins))))
        {
            var confidence = bin.Average(r => Math.Clamp(r.Confidence, 0, 1));
            var accuracy = bin.Average(r => r.Correct ? 1.0 : 0.0);
            error += (double)bin.Count() / routed.Count * Math.Abs(confidence - accuracy);
        }

        return Math.Round(error, 4);
    }
}
