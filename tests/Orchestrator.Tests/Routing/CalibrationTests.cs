using Orchestrator.Routing;

namespace Orchestrator.Tests.Routing;

public sealed class CalibrationTests
{
    [Fact]
    public void Balanced_threshold_separates_in_scope_from_negatives()
    {
        float[] scores = [0.9f, 0.8f, 0.7f, 0.2f, 0.1f, 0.75f];
        bool[] negative = [false, false, false, true, true, true];
        bool[] correct = [true, true, true, false, false, false];

        var t = Calibration.BalancedThreshold(scores, negative, correct);

        // Rejecting the lone negative at 0.75 would also reject the in-scope 0.7: a tie, and ties keep fewer rejections.
        Assert.InRange(t, 0.2f, 0.7f);
    }

    [Fact]
    public void Balanced_threshold_rejects_misrouted_in_scope_for_free()
    {
        // Rejecting the negative at 0.3 also rejects the in-scope example at 0.2, which the head
        // routed wrongly anyway, so it costs nothing and the threshold goes above both.
        float[] scores = [0.9f, 0.2f, 0.3f];
        bool[] negative = [false, false, true];
        bool[] correct = [true, false, false];

        var t = Calibration.BalancedThreshold(scores, negative, correct);

        Assert.InRange(t, 0.31f, 0.89f);
    }

    [Fact]
    public void Quantile_threshold_rejects_about_the_asked_share_of_correct_examples()
    {
        var scores = Enumerable.Range(0, 100).Select(i => i / 100f).ToArray();
        var correct = Enumerable.Repeat(true, 100).ToArray();

        var t = Calibration.QuantileThreshold(scores, correct, 0.05);

        Assert.Equal(5, scores.Count(s => s < t));
    }

    [Fact]
    public void Perfectly_separated_logits_keep_temperature_one_instead_of_running_to_the_bracket_edge()
    {
        // Every row's true class is on top: the NLL falls all the way to T = 0 and has no minimum.
        List<float[]> logits = [[5.5f, -2.6f, -3.5f], [-2.9f, 5.6f, -3.0f], [-3f, -2f, 4f]];
        int[] labels = [0, 1, 2];

        Assert.Equal(1f, Calibration.FitTemperature(logits, labels));
    }

    [Fact]
    public void Thresholds_that_accept_everything_are_finite()
    {
        // The lone in-scope example scores lowest: no threshold beats accepting everything.
        float[] scores = [0.1f, 0.5f];
        bool[] negative = [false, true];
        bool[] correct = [true, false];

        var balanced = Calibration.BalancedThreshold(scores, negative, correct);
        var quantile = Calibration.QuantileThreshold([], [], 0.05);

        Assert.True(float.IsFinite(balanced) && balanced <= 0.1f);
        Assert.True(float.IsFinite(quantile));
    }

    [Fact]
    public void Temperature_scaling_cools_overconfident_logits()
    {
        // Confident logits that are right only half the time: the fitted temperature must soften them.
        var logits = Enumerable.Range(0, 20).Select(_ => new[] { 8f, 0f }).ToList();
        var labels = Enumerable.Range(0, 20).Select(i => i % 2).ToList();

        Assert.True(Calibration.FitTemperature(logits, labels) > 4f);
    }
}
