using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Hosting;
using Orchestrator.Models;
using Orchestrator.Routing;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>agents test</c>: runs every agent's <c>tests:</c> (must_route / must_not_route) against the
/// router fitted from the configuration, as the service would fit it, and exits 1 when one fails,
/// so a configuration change can be gated in CI. Also prints the agents the fit confuses.
/// </summary>
internal static class AgentsTestCommand
{
    public static Command Create(CliContext context)
    {
        var agentOption = new Option<string?>("--agent") { Description = "Run only this agent's tests" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("test", "Run the agents' routing tests (tests: must_route / must_not_route); exit 1 when one fails") { agentOption, json };
        command.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            var agents = config.Agents.ToList();
            if (parse.GetValue(agentOption) is { } only)
            {
                agents = [.. agents.Where(a => a.Name == only)];
                if (agents.Count == 0)
                {
                    throw new UsageException($"--agent: unknown agent '{only}'; expected one of: {string.Join(", ", config.Agents.Select(a => a.Name))}");
                }
            }

            var (router, embedder) = await CliRuntime.FitRouterAsync(config, ct).ConfigureAwait(false);
            using var embedderScope = embedder;
            // The tests route as the service does: with the configured spelling correction in front.
            var results = await AgentRouteTestRunner.RunAsync(Routing.Typos.TypoCorrection.Wrap(router, config), agents, ct).ConfigureAwait(false);
            var failed = results.Count(r => !r.Passed);
            if (parse.GetValue(json))
            {
                await WriteJsonAsync(context, results, router.Confusions).ConfigureAwait(false);
            }
            else
            {
                await WriteTextAsync(context, agents, results, router.Confusions).ConfigureAwait(false);
            }

            return failed > 0 ? ExitCodes.RuntimeFailure : ExitCodes.Success;
        });
        return command;
    }

    private static Task WriteJsonAsync(CliContext context, IReadOnlyList<AgentRouteTestResult> results, IReadOnlyList<RouteConfusion> confusions) =>
        context.Out.WriteLineAsync(JsonSerializer.Serialize(
            new
            {
                tests = results.Count,
                passed = results.Count(r => r.Passed),
                failed = results.Count(r => !r.Passed),
                results = results.Select(r => new
                {
                    agent = r.Agent,
                    request = r.Request,
                    expect = r.MustRoute ? "must_route" : "must_not_route",
                    routed_to = r.RoutedTo,
                    confidence = Math.Round(r.Confidence, 4),
                    out_of_scope = r.OutOfScope,
                    low_confidence = r.LowConfidence,
                    passed = r.Passed,
                }),
                confusions = confusions.Select(c => new { expected = c.Expected, routed_to = c.RoutedTo, count = c.Count, examples = c.Examples, share = Math.Round(c.Share, 4) }),
            },
            OrchestratorJson.Options));

    private static async Task WriteTextAsync(CliContext context, IReadOnlyList<AgentDefinition> agents, IReadOnlyList<AgentRouteTestResult> results, IReadOnlyList<RouteConfusion> confusions)
    {
        if (results.Count == 0)
        {
            await context.Error.WriteLineAsync("no agent lists tests; add e.g. tests: { must_route: [\"...\"], must_not_route: [\"...\"] } to an agent file").ConfigureAwait(false);
        }

        foreach (var agent in agents.Where(a => a.Tests.Count > 0))
        {
            var mine = results.Where(r => r.Agent == agent.Name).ToList();
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{agent.Name}: {mine.Count(r => r.Passed)}/{mine.Count} passed")).ConfigureAwait(false);
            foreach (var r in mine.Where(r => !r.Passed))
            {
                var where = r.OutOfScope ? "out of scope" : string.Create(CultureInfo.InvariantCulture, $"routed to {r.RoutedTo} ({r.Confidence:F2}{(r.LowConfidence ? ", low confidence" : "")})");
                await context.Out.WriteLineAsync($"  FAIL {(r.MustRoute ? "must_route" : "must_not_route")}: \"{r.Request}\" was {where}").ConfigureAwait(false);
            }
        }

        foreach (var line in RouterConfusionReport.Lines(confusions))
        {
            await context.Error.WriteLineAsync("router: " + line).ConfigureAwait(false);
        }

        var failed = results.Count(r => !r.Passed);
        await context.Out.WriteLineAsync(failed == 0
            ? string.Create(CultureInfo.InvariantCulture, $"ok: {results.Count} routing test(s) passed")
            : string.Create(CultureInfo.InvariantCulture, $"{failed} of {results.Count} routing test(s) failed")).ConfigureAwait(false);
    }
}
