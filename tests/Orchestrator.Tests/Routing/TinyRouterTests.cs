using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>
/// The smallest deployments: two agents with three examples each and three out-of-scope examples.
/// Cross-validation on so few examples is degenerate (folds without a class, perfectly separable
/// out-of-fold logits), and the router must still produce finite, calibrated numbers.
/// </summary>
public sealed class TinyRouterTests
{
    private static RouterTrainingSet OrdersAndReturns() => new(
        [
            new RouteExamples("orders", ["Where is order 12345?", "what is the status of my order 777", "has order 4711 shipped yet"]),
            new RouteExamples("returns", ["How long do I have to return an item?", "can I get a refund", "what is the return window"]),
        ],
        ["what's the weather tomorrow", "tell me a joke", "who won the football match"]);

    [Theory]
    [InlineData("How long do I have to return an item?", "returns")]
    [InlineData("Where is order 12345?", "orders")]
    public async Task Two_routes_with_three_examples_each_give_finite_scores_and_route_their_own_examples(string text, string expected)
    {
        var router = await SemanticRouter.FitAsync(OrdersAndReturns(), SharedEmbedder.Instance);

        var decision = await router.RouteAsync(text);

        AssertFinite(decision);
        Assert.Equal(expected, decision.Route);
        Assert.Equal(expected, decision.Candidates[0].Route);
        Assert.True(double.IsFinite(router.Temperature) && router.Temperature > 0);
        Assert.True(double.IsFinite(router.Threshold));
    }

    [Theory]
    [InlineData("How long do I have to return an item?", "returns")]
    [InlineData("Where is order 12345?", "orders")]
    public async Task The_two_agent_deployment_from_yaml_routes_with_finite_confidence(string text, string expected)
    {
        using var deployment = new Orchestrator.Tests.Hosting.ShopDeployment();
        var context = new ConfigValidationContext();
        context.ToolNames.Add("get_order_status");
        var loaded = ConfigLoader.Load(deployment.ConfigFile, context);
        Assert.True(loaded.Config is not null, string.Join("\n", loaded.Errors));

        var router = await SemanticRouter.FitAsync(OrchestratorRuntime.TrainingSetFrom(loaded.Config), SharedEmbedder.Instance, cacheDirectory: Path.Combine(deployment.Directory, "cache"));
        var decision = await router.RouteAsync(text);

        AssertFinite(decision);
        Assert.Equal(expected, decision.Route);
        Assert.False(decision.OutOfScope);
    }

    [Fact]
    public async Task Two_routes_with_three_examples_each_give_finite_scores_for_every_example_and_off_topic_text()
    {
        var set = OrdersAndReturns();
        var router = await SemanticRouter.FitAsync(set, SharedEmbedder.Instance);

        foreach (var route in set.Routes)
        {
            foreach (var example in route.Examples)
            {
                var decision = await router.RouteAsync(example);
                AssertFinite(decision);
                Assert.Equal(route.Name, decision.Route);
            }
        }

        foreach (var text in set.NegativeExamples.Append("what's the weather on mars"))
        {
            AssertFinite(await router.RouteAsync(text));
        }
    }

    [Fact]
    public async Task A_tiny_router_reloaded_from_the_cache_gives_the_same_finite_decision()
    {
        using var dir = new TempDirectory();
        var fitted = await SemanticRouter.FitAsync(OrdersAndReturns(), SharedEmbedder.Instance, cacheDirectory: dir.Path);
        var cached = await SemanticRouter.FitAsync(OrdersAndReturns(), SharedEmbedder.Instance, cacheDirectory: dir.Path);

        Assert.True(cached.LoadedFromCache);
        var a = await fitted.RouteAsync("can I get a refund");
        var b = await cached.RouteAsync("can I get a refund");
        AssertFinite(b);
        Assert.Equal(a.Route, b.Route);
        Assert.Equal(a.Confidence, b.Confidence);
    }

    [Theory]
    [InlineData("head weight")]
    [InlineData("head bias")]
    [InlineData("n-gram weight")]
    [InlineData("example vector")]
    [InlineData("stacker weight")]
    [InlineData("threshold")]
    [InlineData("temperature")]
    public async Task The_cache_loader_rejects_a_model_with_a_non_finite_number(string where)
    {
        using var dir = new TempDirectory();
        await SemanticRouter.FitAsync(OrdersAndReturns(), SharedEmbedder.Instance, cacheDirectory: dir.Path);
        var file = Assert.Single(Directory.GetFiles(dir.Path));
        var key = Path.GetFileNameWithoutExtension(file)["semantic-router-".Length..];
        var model = SemanticRouterModelFile.TryRead(file, key);
        Assert.NotNull(model);
        Assert.True(SemanticRouterModelFile.IsFinite(model));

        var damaged = where switch
        {
            "threshold" => Copy(model, threshold: float.NaN),
            "temperature" => Copy(model, temperature: float.PositiveInfinity),
            _ => model,
        };
        switch (where)
        {
            case "head weight": model.Head.Weights[7] = float.NaN; break;
            case "head bias": model.Head.Bias[1] = float.NegativeInfinity; break;
            case "n-gram weight": model.Head.NgramWeights[^1] = float.NaN; break;
            case "example vector": model.Examples.Vectors[3] = float.NaN; break;
            case "stacker weight": model.Stacker!.Weights[0] = float.NaN; break;
        }

        SemanticRouterModelFile.Write(file, key, damaged);

        Assert.Null(SemanticRouterModelFile.TryRead(file, key));
        var refitted = await SemanticRouter.FitAsync(OrdersAndReturns(), SharedEmbedder.Instance, cacheDirectory: dir.Path);
        Assert.False(refitted.LoadedFromCache);
        AssertFinite(await refitted.RouteAsync("can I get a refund"));
    }

    [Fact]
    public async Task A_non_finite_request_vector_is_rejected_with_finite_numbers()
    {
        var router = await SemanticRouter.FitAsync(OrdersAndReturns(), SharedEmbedder.Instance);
        var vector = new float[384];
        vector[0] = float.NaN;

        var decision = router.Decide(vector);

        Assert.True(decision.OutOfScope);
        Assert.Null(decision.Route);
        Assert.Equal(0, decision.Confidence);
        Assert.Empty(decision.Candidates);
    }

    private static SemanticRouterModel Copy(SemanticRouterModel m, float? threshold = null, float? temperature = null) => new()
    {
        RouteNames = m.RouteNames,
        HasNegativeClass = m.HasNegativeClass,
        Head = m.Head,
        Temperature = temperature ?? m.Temperature,
        Examples = m.Examples,
        NegativeExamples = m.NegativeExamples,
        Neighbours = m.Neighbours,
        NeighbourRoutes = m.NeighbourRoutes,
        Evidence = m.Evidence,
        Stacker = m.Stacker,
        Threshold = threshold ?? m.Threshold,
        CrossValidation = m.CrossValidation,
    };

    private static void AssertFinite(RouteDecision decision)
    {
        Assert.True(double.IsFinite(decision.Confidence) && decision.Confidence is >= 0 and <= 1, $"confidence {decision.Confidence}");
        Assert.NotEmpty(decision.Candidates);
        foreach (var candidate in decision.Candidates)
        {
            Assert.True(double.IsFinite(candidate.Score) && candidate.Score is >= 0 and <= 1, $"{candidate.Route} scored {candidate.Score}");
        }
    }
}
