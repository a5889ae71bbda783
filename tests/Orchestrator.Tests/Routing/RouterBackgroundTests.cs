using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Routing;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Routing;

/// <summary>The built-in background set: shipped, used by default, filtered by domain, part of the cache key.</summary>
public sealed class RouterBackgroundTests
{
    private static readonly SemanticRouterOptions FastOptions = new() { Folds = 3 };

    /// <summary>A two-agent assistant with no <c>out_of_scope_examples</c>, as a new user writes it.</summary>
    private static RouterTrainingSet OrdersAndReturns(IReadOnlyList<string>? background) => new(
        [
            new RouteExamples("orders", ["Where is order 12345?", "what is the status of my order 777", "has order 4711 shipped yet", "track my parcel", "when will my package arrive"]),
            new RouteExamples("returns", ["How long do I have to return an item?", "can I get a refund", "what is the return window", "I want to send these shoes back", "how do I print a return label"]),
        ])
    {
        Background = background,
    };

    [Fact]
    public void The_builtin_set_is_shipped_without_comments_blanks_or_duplicates()
    {
        var lines = RouterBackground.Builtin;

        Assert.InRange(lines.Count, 400, 600);
        Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l) || l.StartsWith('#') || l != l.Trim()));
        Assert.Equal(lines.Count, lines.Distinct(StringComparer.Ordinal).Count());

        // The acceptance question below must be answered by generalisation, not by a verbatim copy.
        Assert.DoesNotContain(lines, l => l.Contains("capital of france", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("what's the capital of France")]
    [InlineData("who is going to win the eurovision song contest")]
    [InlineData("how many legs does a spider have")]
    public async Task A_two_agent_assistant_without_negatives_rejects_general_questions(string text)
    {
        var router = await SemanticRouter.FitAsync(OrdersAndReturns(RouterBackground.Builtin), SharedEmbedder.Instance, FastOptions);

        var decision = await router.RouteAsync(text);

        Assert.True(decision.OutOfScope, $"'{text}' routed to {decision.Route} at {decision.Confidence:F2}");
        Assert.True(router.BackgroundExamples > 300, $"only {router.BackgroundExamples} background rows kept");
        Assert.Equal("orders", (await router.RouteAsync("where is my order 998?")).Route);
        Assert.False((await router.RouteAsync("where is my order 998?")).OutOfScope);
        Assert.False((await router.RouteAsync("can I return a jacket I bought last week")).OutOfScope);
    }

    [Fact]
    public void The_deployment_default_adds_the_builtin_background()
    {
        using var deployment = new Orchestrator.Tests.Hosting.ShopDeployment();
        var context = new ConfigValidationContext();
        context.ToolNames.Add("get_order_status");
        var loaded = ConfigLoader.Load(deployment.ConfigFile, context);
        Assert.True(loaded.Config is not null, string.Join("\n", loaded.Errors));

        Assert.Equal(RouterBackgrounds.Builtin, loaded.Config.Router.Background);
        Assert.Same(RouterBackground.Builtin, OrchestratorRuntime.TrainingSetFrom(loaded.Config).Background);
    }

    [Fact]
    public async Task Background_rows_in_an_agents_domain_are_dropped_and_the_domain_stays_in_scope()
    {
        // A banking assistant: generic lists contain banking questions ("can you show me my credit
        // card number" is a CLINC150 out-of-scope row). They must not become negatives here.
        var banking = new RouteExamples("banking",
        [
            "what is my account balance", "how much money is in my checking account", "show me my credit card number",
            "transfer 100 dollars to savings", "what is the balance on my credit card", "I want to see my recent transactions",
            "how do I transfer money between accounts", "what's my card number",
        ]);
        var background = new[] { "can you show me my credit card number", "tell me my account balance please", "what's the capital of spain", "tell me a joke" };
        var set = new RouterTrainingSet([banking, new RouteExamples("cards", ["block my lost card", "order a new debit card", "my card was stolen", "freeze my card"])]) { Background = background };

        var router = await SemanticRouter.FitAsync(set, SharedEmbedder.Instance, FastOptions);

        Assert.Equal(2, router.BackgroundExamples);
        Assert.False((await router.RouteAsync("can you show me my credit card number")).OutOfScope);
    }

    [Theory]
    [InlineData("how do I claim my hotel costs")]
    [InlineData("I clicked on a weird link in an email")]
    [InlineData("can I move my holiday to next week")]
    public async Task The_background_does_not_change_which_route_wins_or_its_confidence(string text)
    {
        // The background only feeds the out-of-scope evidence: the head, its temperature and
        // hence every route's probability are exactly those of a fit without it.
        var without = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk(), SharedEmbedder.Instance, FastOptions);
        var with = await SemanticRouter.FitAsync(RouterFixtures.HelpDesk() with { Background = RouterBackground.Builtin }, SharedEmbedder.Instance, FastOptions);

        var a = await without.RouteAsync(text);
        var b = await with.RouteAsync(text);

        Assert.Equal(without.Temperature, with.Temperature);
        Assert.Equal(a.Candidates, b.Candidates);
        Assert.True(with.BackgroundExamples > 300);
    }

    [Fact]
    public void The_filter_drops_a_row_as_close_to_a_route_as_its_own_examples_are_to_each_other()
    {
        // Route 0 holds three unit vectors whose nearest siblings are at cosine 0.8; background row 3
        // is at 0.8 from one of them (dropped), row 4 at 0.3 from all (kept).
        var vectors = new[] { Unit(1, 0, 0), Unit(0.8f, 0.6f, 0), Unit(0.28f, 0.96f, 0), Unit(0.8f, 0, 0.6f), Unit(0.3f, 0, 0.954f) };
        var labels = new[] { 0, 0, 0, 1, 1 };
        var isBackground = new[] { false, false, false, true, true };

        var keep = BackgroundFilter.Keep(vectors, labels, isBackground, routes: 1);

        Assert.Equal(new[] { true, true, true, false, true }, keep);
        Assert.Equal(BackgroundFilter.MaxCutoff, BackgroundFilter.Cutoff(vectors, [0, 1, 2]));
        Assert.Equal((BackgroundFilter.MinCutoff + BackgroundFilter.MaxCutoff) / 2, BackgroundFilter.Cutoff(vectors, [0]));
    }

    [Fact]
    public void A_different_background_gives_a_different_cache_key()
    {
        var options = new SemanticRouterOptions();
        var none = RouterCacheKey.Compute(OrdersAndReturns(null), options, "e");
        var builtin = RouterCacheKey.Compute(OrdersAndReturns(RouterBackground.Builtin), options, "e");
        var changed = RouterCacheKey.Compute(OrdersAndReturns([.. RouterBackground.Builtin.Skip(1)]), options, "e");

        Assert.Equal(none, RouterCacheKey.Compute(OrdersAndReturns([]), options, "e"));
        Assert.Equal(builtin, RouterCacheKey.Compute(OrdersAndReturns([.. RouterBackground.Builtin]), options, "e"));
        Assert.Distinct([none, builtin, changed]);
        Assert.NotEqual(builtin, RouterCacheKey.Compute(OrdersAndReturns(RouterBackground.Builtin), options with { HoldOutIntents = !options.HoldOutIntents }, "e"));
    }

    [Fact]
    public async Task A_fit_with_another_background_does_not_load_the_cached_one()
    {
        using var dir = new TempDirectory();
        var small = new[] { "tell me a joke", "what's the weather tomorrow", "who won the match" };
        var first = await SemanticRouter.FitAsync(OrdersAndReturns(small), SharedEmbedder.Instance, FastOptions, dir.Path);
        var same = await SemanticRouter.FitAsync(OrdersAndReturns(small), SharedEmbedder.Instance, FastOptions, dir.Path);
        var other = await SemanticRouter.FitAsync(OrdersAndReturns([.. small, "give me a cake recipe"]), SharedEmbedder.Instance, FastOptions, dir.Path);

        Assert.False(first.LoadedFromCache);
        Assert.True(same.LoadedFromCache);
        Assert.Equal(first.BackgroundExamples, same.BackgroundExamples);
        Assert.False(other.LoadedFromCache);
        Assert.Equal(4, other.BackgroundExamples);
    }

    private static float[] Unit(params float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }
}
