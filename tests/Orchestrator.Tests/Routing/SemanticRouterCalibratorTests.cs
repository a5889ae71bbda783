using Orchestrator.Routing;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// The calibration half of the fit (<see cref="SemanticRouterCalibrator"/>) run again on a recorded
/// cross-validation, as the router lab does: it must give back exactly the fitted model.
/// </summary>
public sealed class SemanticRouterCalibratorTests
{
    private static readonly SemanticRouterOptions FastOptions = new() { Folds = 3, MinSteps = 300, CharNgramBuckets = 0 };

    [Fact]
    public void Recalibrating_a_recorded_fit_gives_back_the_fitted_model()
    {
        var (vectors, labels, background) = SyntheticRoutes.Make(routes: 5, perRoute: 24, negatives: 18, noise: 1.2f, seed: 3);
        string[] names = ["a", "b", "c", "d", "e"];
        FoldedTrainingSet? recorded = null;
        SoftmaxHead[] foldHeads = [];

        var model = SemanticRouterFitter.Fit(names, vectors, labels, background, null, FastOptions, (s, h) => (recorded, foldHeads) = (s, h), null, CancellationToken.None);
        var again = SemanticRouterCalibrator.Calibrate(recorded!, FastOptions, CalibrationVariant.Shipped, null, null, CancellationToken.None);
        var assembled = SemanticRouterFitter.Assemble(names, recorded!, model.Head, again, FastOptions);

        Assert.Equal(3, foldHeads.Length);
        Assert.Equal(model.Temperature, again.Temperature);
        Assert.Equal(model.Threshold, again.Threshold);
        Assert.Equal(model.Threshold, assembled.Threshold);
        Assert.Equal(model.NeighbourVoteWeight, again.NeighbourVote);
        Assert.Equal(model.NeighbourVoteWeight, assembled.NeighbourVoteWeight);
        Assert.NotNull(assembled.Stacker);
        Assert.Equal(model.Stacker!.Weights, assembled.Stacker.Weights);
        var rng = new Random(11);
        Span<float> a = stackalloc float[model.Head.Classes];
        Span<float> b = stackalloc float[model.Head.Classes];
        for (var k = 0; k < 50; k++)
        {
            var query = SyntheticRoutes.Unit(rng, vectors[rng.Next(vectors.Length)], 1.5f);
            Assert.Equal(model.Evaluate(query, a), assembled.Evaluate(query, b));
        }
    }
}
