using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>The fit reports which routes its cross-validation confused, and the cache keeps that report.</summary>
public sealed class RouterConfusionTests
{
    private static readonly SemanticRouterOptions FastOptions = new() { Folds = 3 };

    /// <summary>Two routes trained on the same kind of request: their examples must show up as confused.</summary>
    private static RouterTrainingSet Overlapping() => new(
        [
            new RouteExamples("holiday-rules", ["how many vacation days do I get", "how much annual leave per year", "holiday entitlement for staff", "how many days off do employees get"]),
            new RouteExamples("holiday-balance", ["how many vacation days do I have", "how much annual leave have I got", "my holiday entitlement left", "how many days off do I have"]),
            new RouteExamples("printers", ["the printer is jammed", "how do I add a printer", "printer out of toner", "print queue is stuck"]),
        ],
        []);

    [Fact]
    public async Task Overlapping_routes_are_reported_and_a_distinct_one_is_not()
    {
        var router = await SemanticRouter.FitAsync(Overlapping(), SharedEmbedder.Instance, FastOptions);

        Assert.NotEmpty(router.Confusions);
        Assert.All(router.Confusions, c => Assert.NotEqual("printers", c.RoutedTo));
        Assert.All(router.Confusions, c => Assert.NotEqual("printers", c.Expected));
        Assert.All(router.Confusions, c => Assert.InRange(c.Share, 0, 1));
        Assert.Contains(router.Confusions, c => c.Expected.StartsWith("holiday", StringComparison.Ordinal) && c.RoutedTo.StartsWith("holiday", StringComparison.Ordinal));
        var line = Assert.Single(RouterConfusionReport.Lines(router.Confusions, minimumShare: 0, max: 1));
        Assert.Contains("is confusable with", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cache_file_keeps_the_confusions()
    {
        using var dir = new TempDirectory();
        var fitted = await SemanticRouter.FitAsync(Overlapping(), SharedEmbedder.Instance, FastOptions, dir.Path);
        var loaded = await SemanticRouter.FitAsync(Overlapping(), SharedEmbedder.Instance, FastOptions, dir.Path);

        Assert.True(loaded.LoadedFromCache);
        Assert.Equal(fitted.Confusions, loaded.Confusions);
    }

    [Fact]
    public void Lines_skip_pairs_below_the_minimum_share()
    {
        RouteConfusion[] confusions = [new("a", "b", 1, 10), new("c", "d", 5, 10)];

        var line = Assert.Single(RouterConfusionReport.Lines(confusions));
        Assert.StartsWith("'c' is confusable with 'd': 5 of its 10 examples went there in cross-validation (50%)", line, StringComparison.Ordinal);
    }
}
