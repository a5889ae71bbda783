using Orchestrator.Cli.Evaluation;

namespace Orchestrator.Tests.Cli;

public sealed class CalibrationErrorTests
{
    [Fact]
    public void A_router_whose_confidence_matches_its_accuracy_has_no_error() =>
        Assert.Equal(0.0, CalibrationError.Expected([(0.75, true), (0.75, true), (0.75, true), (0.75, false)]));

    [Fact]
    public void Overconfidence_is_the_gap_weighted_by_the_share_of_requests()
    {
        // Half the requests at 0.95 and always wrong (gap 0.95), half at 0.55 and always right (gap 0.45).
        var error = CalibrationError.Expected([(0.95, false), (0.95, false), (0.55, true), (0.55, true)]);
        Assert.Equal(0.7, error!.Value, 4);
    }

    [Fact]
    public void Nothing_routed_gives_no_figure_and_odd_confidences_are_clamped()
    {
        Assert.Null(CalibrationError.Expected([]));
        Assert.Equal(0.0, CalibrationError.Expected([(1.5, true), (-1, false)]));
    }
}
