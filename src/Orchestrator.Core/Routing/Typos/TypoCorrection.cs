using Orchestrator.Configuration;

namespace Orchestrator.Routing.Typos;

/// <summary>Builds the configured spelling correction (<c>router.typos</c>) around a router.</summary>
public static class TypoCorrection
{
    /// <summary>
    /// The corrector for this configuration, or null when <c>router.typos.enabled</c> is false. Its
    /// domain vocabulary is what the router is trained on (agent examples and out-of-scope examples)
    /// plus the agents' descriptions; the agents' <c>tests:</c> are not used, so they stay a fair test.
    /// </summary>
    public static SpellingCorrector? CorrectorFor(OrchestratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Router.Typos.Enabled)
        {
            return null;
        }

        return SpellingCorrector.FromTexts(config.Agents
            .SelectMany(a => a.Examples.Append(a.Description))
            .Concat(config.Router.OutOfScopeExamples));
    }

    /// <summary>The router with spelling correction in front of it, or the router itself when correction is off.</summary>
    public static IRouter Wrap(IRouter router, OrchestratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(router);
        return CorrectorFor(config) is { } corrector ? new TypoTolerantRouter(router, corrector) : router;
    }
}
