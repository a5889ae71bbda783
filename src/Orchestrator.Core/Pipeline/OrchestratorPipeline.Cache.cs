using Orchestrator.Caching;
using Orchestrator.Diagnostics;

namespace Orchestrator.Pipeline;

/// <summary>The answer cache's three hooks: exact lookup before routing, near-duplicate lookup after it, store after the guardian.</summary>
public sealed partial class OrchestratorPipeline
{
    private async Task<OrchestratorResponse?> FindExactAsync(OrchestratorRequest request, string text, long started, CancellationToken cancellationToken)
    {
        if (AnswerCache is null || await AnswerCache.FindExactAsync(request, text, cancellationToken).ConfigureAwait(false) is not { } hit)
        {
            return null;
        }

        // An agent with its own input rail checks every question after routing; an exact hit would skip that, so it is not used.
        if (hit.Route.Agent is { } name && RailsFor(_config.FindAgent(name)) is { AfterRoutingInput.Count: > 0 })
        {
            return null;
        }

        PipelineLog.CacheHit(_logger, hit.Route.Agent, "exact");
        return hit with { TimingsMs = new TimingsInfo { Total = Elapsed(started) } };
    }

    /// <remarks>
    /// The entry was stored from another request, possibly another user's: its route (with the
    /// spelling correction) and retrieval query hold that asker's words, so this request's own take
    /// their place. Only the answer and what it was checked and cited against are shared.
    /// </remarks>
    private async Task<OrchestratorResponse?> FindSimilarAsync(
        OrchestratorRequest request, string text, RouteDecision decision, Configuration.AgentDefinition agent, string? corrected,
        long started, double routeMs, CancellationToken cancellationToken)
    {
        if (AnswerCache is null || await AnswerCache.FindSimilarAsync(request, text, agent, cancellationToken).ConfigureAwait(false) is not { } hit)
        {
            return null;
        }

        PipelineLog.CacheHit(_logger, agent.Name, "similar");
        return hit.Response with
        {
            Route = ResponseBuilder.Route(decision, agent),
            RetrievalQuery = corrected,
            TimingsMs = new TimingsInfo { Route = routeMs, Total = Elapsed(started) },
        };
    }

    private async Task<OrchestratorResponse> RememberAsync(OrchestratorRequest request, string text, LocalStage local, OrchestratorResponse response, CancellationToken cancellationToken)
    {
        if (AnswerCache is null)
        {
            return response;
        }

        await AnswerCache.StoreAsync(request, text, local.Agent, response, cancellationToken).ConfigureAwait(false);
        return response with { Cache = AnswerCache.Miss };
    }
}
