using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>The background set is embedded once per model per process, and a memoised fit is the same fit.</summary>
public sealed class BackgroundVectorMemoTests
{
    private static readonly SemanticRouterOptions FastOptions = new() { Folds = 3 };

    private static RouterTrainingSet Shop() => new(
        [
            new RouteExamples("orders", ["Where is order 12345?", "what is the status of my order 777", "has order 4711 shipped yet", "track my parcel"]),
            new RouteExamples("returns", ["How long do I have to return an item?", "can I get a refund", "what is the return window", "how do I print a return label"]),
        ])
    {
        Background = RouterBackground.Builtin,
    };

    [Fact]
    public async Task A_second_fit_embeds_only_its_own_examples_and_decides_the_same()
    {
        var first = new CountingEmbedder();
        var second = new CountingEmbedder();

        var a = await SemanticRouter.FitAsync(Shop(), first, FastOptions);
        var b = await SemanticRouter.FitAsync(Shop(), second, FastOptions);

        // Earlier tests in this process may already have memoised the background, so the first
        // fit embeds at most everything; the second embeds the 8 examples alone.
        Assert.InRange(first.Embedded, 8, 8 + RouterBackground.Builtin.Count);
        Assert.Equal(8, second.Embedded);
        Assert.Equal(a.BackgroundExamples, b.BackgroundExamples);
        foreach (var text in new[] { "what's the capital of France", "where is my parcel", "I want my money back" })
        {
            var x = await a.RouteAsync(text);
            var y = await b.RouteAsync(text);
            Assert.Equal((x.Route, x.OutOfScope, x.Confidence), (y.Route, y.OutOfScope, y.Confidence));
        }
    }
}
