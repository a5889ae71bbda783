namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Splits one labelled file into train and test parts, for datasets such as Banking77 that ship
/// without a test split we may use.
/// </summary>
public static class RoutingDatasetSplitter
{
    /// <summary>
    /// Stratified by label: each label's rows are shuffled with <paramref name="seed"/> and
    /// round(<paramref name="holdout"/> x count) of them go to test, so every label keeps the same
    /// share in both parts and no label vanishes from training (one always stays there).
    /// Labels are visited in ordinal order, so the result depends only on the rows and the seed.
    /// </summary>
    public static (IReadOnlyList<LabeledUtterance> Train, IReadOnlyList<LabeledUtterance> Test) Split(
        IReadOnlyList<LabeledUtterance> rows, double holdout, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(holdout, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(holdout, 1.0);
        var rng = new Random(seed);
        var train = new List<LabeledUtterance>();
        var test = new List<LabeledUtterance>();
        foreach (var group in rows.GroupBy(r => r.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = group.ToArray();
            rng.Shuffle(items);
            var testCount = Math.Min(items.Length - 1, (int)Math.Round(holdout * items.Length, MidpointRounding.AwayFromZero));
            test.AddRange(items.Take(testCount));
            train.AddRange(items.Skip(testCount));
        }

        return (train, test);
    }
}
