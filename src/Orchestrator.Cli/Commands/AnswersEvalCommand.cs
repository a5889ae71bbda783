using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Evaluation;

namespace Orchestrator.Cli.Commands;

/// <summary><c>eval answers</c>: whole conversations through the configured pipeline, scored for route, facts, citation and usefulness.</summary>
internal static class AnswersEvalCommand
{
    public static Command Create(CliContext context)
    {
        var cases = new Option<string?>("--cases") { Description = "Cases, JSON lines (default: eval/answers.jsonl beside the configuration)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("answers", "Answer multi-turn cases with the configured pipeline and score route, facts, citations and usefulness") { cases, json };
        var caller = new CallerOptions();
        caller.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var config = CliRuntime.LoadConfig(context, parse);
            var path = parse.GetValue(cases) is { } given
                ? Path.GetFullPath(given, context.WorkingDirectory)
                : config.ResolvePath(Path.Combine("eval", "answers.jsonl"));
            if (!File.Exists(path))
            {
                throw new UsageException($"--cases: '{path}' not found; pass a JSON-lines file of cases (see samples/enterprise-assistant/eval/answers.jsonl)");
            }

            var identity = caller.Resolve(parse);
            var loaded = AnswerCaseReader.Read(path);
            await using var runtime = await CliRuntime.StartAsync(context, config, ct).ConfigureAwait(false);
            AnswerEvalReport? report = null;
            await CliRuntime.Progress(CliRuntime.StderrConsole(context)).StartAsync(async ctx =>
            {
                var task = ctx.AddTask("answering", maxValue: loaded.Count);
                report = await AnswerEvaluator.RunAsync(loaded, (request, token) => runtime.Pipeline.AskAsync(request with { Caller = request.Caller ?? identity }, token), new InlineProgress<int>(n => task.Value = n), ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

            var r = report!;
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(r)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"cases {r.Cases}: useful {r.Useful:F4}, route {r.RouteAccuracy:F4}, facts {r.Facts:F4}, citations {r.Citations:F4}, tools {r.Tools:F4}")).ConfigureAwait(false);
            foreach (var (name, score) in r.Categories)
            {
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-12} cases {score.Cases,4}: useful {score.Useful:F4}, route {score.RouteAccuracy:F4}, facts {score.Facts:F4}, citations {score.Citations:F4}")).ConfigureAwait(false);
            }

            foreach (var miss in r.Failures)
            {
                var what = string.Join(", ", new[] { miss.RouteOk ? null : "route", miss.FactsOk ? null : "facts", miss.CitationOk ? null : "citation", miss.ToolOk ? null : "tool" }.Where(s => s is not null));
                await context.Error.WriteLineAsync($"  miss {miss.Id} ({what}) → {miss.Agent ?? "out_of_scope"}: {Shorten(miss.Answer)}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 160 ? flat : flat[..159] + "…";
    }
}
