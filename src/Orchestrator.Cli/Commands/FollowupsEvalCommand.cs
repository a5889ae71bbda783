using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Configuration;
using Orchestrator.Cli.Evaluation;
using Orchestrator.Models;
using Orchestrator.Hosting;
using Orchestrator.Pipeline;
using Orchestrator.Routing;

namespace Orchestrator.Cli.Commands;

/// <summary><c>eval followups</c>: multi-turn routing accuracy of the configured agents, with and without stickiness.</summary>
internal static class FollowupsEvalCommand
{
    public static Command Create(CliContext context)
    {
        var cases = new Option<string?>("--cases") { Description = "Multi-turn cases, JSON lines (default: eval/followups.jsonl beside the configuration)" };
        var threshold = new Option<double?>("--switch-confidence") { Description = "Override router.stickiness.switch_confidence" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var answers = new Option<bool>("--answers") { Description = "Also answer every case with the configured pipeline and score route, facts, citation and tool, overall and per turn" };
        var command = new Command("followups", "Route multi-turn follow-ups over the configured agents, with and without conversation stickiness") { cases, threshold, json, answers };
        var caller = new CallerOptions();
        caller.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            var path = parse.GetValue(cases) is { } given
                ? Path.GetFullPath(given, context.WorkingDirectory)
                : config.ResolvePath(Path.Combine("eval", "followups.jsonl"));
            if (!File.Exists(path))
            {
                throw new UsageException($"--cases: '{path}' not found; pass a JSON-lines file of multi-turn cases (see samples/enterprise-assistant/eval/followups.jsonl)");
            }

            var settings = config.Router.Stickiness;
            if (parse.GetValue(threshold) is { } t)
            {
                settings = t is >= 0 and <= 1
                    ? new StickinessConfig { Enabled = true, MaxTurns = settings.MaxTurns, SwitchConfidence = t }
                    : throw new UsageException($"--switch-confidence: {t} is out of range; expected a probability from 0 to 1");
            }

            var identity = caller.Resolve(parse);
            var loaded = FollowupEvaluator.Read(path);
            var (router, embedder) = await CliRuntime.FitRouterAsync(config, ct).ConfigureAwait(false);
            using var embedderScope = embedder;
            var report = await FollowupEvaluator.RunAsync(loaded, Routing.Typos.TypoCorrection.Wrap(router, config), settings, ct).ConfigureAwait(false);
            if (parse.GetValue(answers))
            {
                report = await WithAnswersAsync(context, config, report, loaded, identity, ct).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(report)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"cases {report.Cases} (stay {report.StayCases}, switch {report.SwitchCases}), switch_confidence {report.SwitchConfidence}:{Environment.NewLine}" +
                $"  without stickiness: accuracy {report.WithoutStickiness.Accuracy:F4} (stay {report.WithoutStickiness.StayAccuracy:F4}, switch {report.WithoutStickiness.SwitchAccuracy:F4}){Environment.NewLine}" +
                $"  with stickiness:    accuracy {report.WithStickiness.Accuracy:F4} (stay {report.WithStickiness.StayAccuracy:F4}, switch {report.WithStickiness.SwitchAccuracy:F4})")).ConfigureAwait(false);
            foreach (var error in report.WithStickiness.Errors)
            {
                await context.Error.WriteLineAsync("  miss (with stickiness): " + error).ConfigureAwait(false);
            }

            if (report.Answers is { } a)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  answers: useful {a.Useful:F4}, route {a.RouteAccuracy:F4}, facts {a.Facts:F4}, citations {a.Citations:F4}, tools {a.Tools:F4}")).ConfigureAwait(false);
                foreach (var (group, score) in a.Categories.Concat(report.AnswersByTurn ?? new Dictionary<string, AnswerCategoryScore>()))
                {
                    var name = int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? "turn " + group : group;
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"    {name,-8} cases {score.Cases,4}: useful {score.Useful:F4}, route {score.RouteAccuracy:F4}, facts {score.Facts:F4}, citations {score.Citations:F4}")).ConfigureAwait(false);
                }

                foreach (var miss in a.Failures)
                {
                    var what = string.Join(", ", new[] { miss.RouteOk ? null : "route", miss.FactsOk ? null : "facts", miss.CitationOk ? null : "citation", miss.ToolOk ? null : "tool" }.Where(s => s is not null));
                    await context.Error.WriteLineAsync($"  miss (answer) {miss.Id} ({what}) → {miss.Agent ?? "out_of_scope"}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The cases answered by the configured pipeline (its own stickiness settings), as the case's caller or the command's.</summary>
    private static async Task<FollowupReport> WithAnswersAsync(CliContext context, OrchestratorConfig config, FollowupReport report, IReadOnlyList<FollowupCase> cases, CallerIdentity identity, CancellationToken ct)
    {
        await using var runtime = await CliRuntime.StartAsync(context, config, ct).ConfigureAwait(false);
        var (answers, byTurn) = await FollowupEvaluator.AnswerAsync(cases, (request, token) => runtime.Pipeline.AskAsync(request with { Caller = request.Caller ?? identity }, token), null, ct).ConfigureAwait(false);
        return report with { Answers = answers, AnswersByTurn = byTurn };
    }
}
