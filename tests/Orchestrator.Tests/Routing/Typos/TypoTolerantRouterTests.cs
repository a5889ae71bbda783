using Orchestrator.Configuration;
using Orchestrator.Routing.Typos;

namespace Orchestrator.Tests.Routing.Typos;

/// <summary>The router decorator: the inner router sees the corrected text, and the decision says what it saw.</summary>
public sealed class TypoTolerantRouterTests
{
    private sealed class RecordingRouter : IRouter
    {
        public List<string> Seen { get; } = [];

        public Task<RouteDecision> RouteAsync(string text, CancellationToken cancellationToken = default)
        {
            Seen.Add(text);
            return Task.FromResult(new RouteDecision { Route = "hr", Confidence = 0.9, Candidates = [new RouteCandidate("hr", 0.9)], OutOfScope = false });
        }
    }

    private static readonly SpellingCorrector Corrector = SpellingCorrector.FromTexts(["How many vacation days do I get?"]);

    [Fact]
    public async Task The_inner_router_sees_the_corrected_text_and_the_decision_records_it()
    {
        var inner = new RecordingRouter();
        var router = new TypoTolerantRouter(inner, Corrector);

        var decision = await router.RouteAsync("how mnay vacaton days");

        Assert.Equal(["how many vacation days"], inner.Seen);
        Assert.Equal("how many vacation days", decision.CorrectedText);
        Assert.Equal("hr", decision.Route);
    }

    [Fact]
    public async Task Nothing_corrected_means_no_corrected_text()
    {
        var inner = new RecordingRouter();

        var decision = await new TypoTolerantRouter(inner, Corrector).RouteAsync("how many vacation days");

        Assert.Null(decision.CorrectedText);
        Assert.Equal(["how many vacation days"], inner.Seen);
    }

    [Fact]
    public void Configuration_turns_it_off()
    {
        var inner = new RecordingRouter();
        var off = new OrchestratorConfig { ConfigFile = "/cfg/orchestrator.yaml", Router = new RouterConfig { Typos = new TyposConfig { Enabled = false } } };
        var on = new OrchestratorConfig { ConfigFile = "/cfg/orchestrator.yaml" };

        Assert.Same(inner, TypoCorrection.Wrap(inner, off));
        Assert.Null(TypoCorrection.CorrectorFor(off));
        Assert.IsType<TypoTolerantRouter>(TypoCorrection.Wrap(inner, on));
    }
}
