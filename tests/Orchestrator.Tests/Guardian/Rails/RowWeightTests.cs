using Orchestrator.Guardian.Classifiers.Training;

namespace Orchestrator.Tests.Guardian.Rails;

/// <summary>How the trainer weighs rows so that no source dominates the head.</summary>
public sealed class RowWeightTests
{
    // Class 1: 9 rows of source "big", 1 of "small"; class 0: 5 rows of "other".
    private static readonly int[] Labels = [.. Enumerable.Repeat(1, 10), .. Enumerable.Repeat(0, 5)];
    private static readonly string[] Sources = [.. Enumerable.Repeat("big", 9), "small", .. Enumerable.Repeat("other", 5)];

    private static double SourceTotal(double[] weights, string source) => Enumerable.Range(0, Sources.Length).Where(i => Sources[i] == source).Sum(i => weights[i]);

    [Fact]
    public void Equal_source_weights_give_each_source_of_a_class_the_same_total()
    {
        var weights = LogisticTrainer.RowWeights(Labels, Sources, equalSources: true);

        Assert.Equal(SourceTotal(weights, "big"), SourceTotal(weights, "small"), 9);
        Assert.Equal(Labels.Length / 2.0, SourceTotal(weights, "big") + SourceTotal(weights, "small"), 9);
        Assert.Equal(Labels.Length / 2.0, SourceTotal(weights, "other"), 9);
    }

    [Fact]
    public void Default_weights_let_a_big_source_count_more_but_less_than_proportionally()
    {
        var weights = LogisticTrainer.RowWeights(Labels, Sources);

        var ratio = SourceTotal(weights, "big") / SourceTotal(weights, "small");
        Assert.Equal(3.0, ratio, 9); // 9 rows at 1/√9 against 1 row at 1
    }
}
