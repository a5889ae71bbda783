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
        var command = new Command("followups", "Route multi-turn follow-ups over the configured agents, with and without conversation stickiness") { cases, threshold, json };
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

            var loaded = FollowupEvaluator.Read(path);
            var (router, embedder) = await CliRuntime.FitRouterAsync(config, ct).ConfigureAwait(false);
            using var embedderScope = embedder;
            var report = await FollowupEvaluator.RunAsync(loaded, Routing.Typos.TypoCorrection.Wrap(router, config), settings, ct).ConfigureAwait(false);
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

            return ExitCodes.Success;
        });
        return command;
    }
}
