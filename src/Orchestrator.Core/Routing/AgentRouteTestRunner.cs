using Orchestrator.Configuration;

namespace Orchestrator.Routing;

/// <summary>Runs the agents' <c>tests:</c> (routing policy tests) through a router, one request at a time, with no history.</summary>
public static class AgentRouteTestRunner
{
    public static async Task<IReadOnlyList<AgentRouteTestResult>> RunAsync(IRouter router, IEnumerable<AgentDefinition> agents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(agents);
        var results = new List<AgentRouteTestResult>();
        foreach (var agent in agents)
        {
            foreach (var (request, mustRoute) in agent.Tests.MustRoute.Select(r => (r, true)).Concat(agent.Tests.MustNotRoute.Select(r => (r, false))))
            {
                var decision = await router.RouteAsync(request, cancellationToken).ConfigureAwait(false);
                var routedHere = !decision.OutOfScope && string.Equals(decision.Route, agent.Name, StringComparison.Ordinal);
                results.Add(new AgentRouteTestResult(
                    agent.Name, request, mustRoute, decision.OutOfScope ? null : decision.Route, decision.Confidence, decision.OutOfScope, decision.LowConfidence, routedHere == mustRoute));
            }
        }

        return results;
    }
}
