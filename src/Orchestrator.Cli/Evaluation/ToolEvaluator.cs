using System.Diagnostics;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// <c>eval tools</c>: offers each BFCL row's functions as the only tools and lets the deterministic
/// planner (the tool-calling specialist's path without a model) pick one and fill its arguments,
/// or decline. A file whose name contains "irrelevance" is scored as "should call nothing", as BFCL
/// scores it: a plan that asks for a missing argument makes no call. Such a plan still counts for
/// selection (the function was named) but its arguments do not match.
/// </summary>
public sealed class ToolEvaluator(DeterministicToolPlanner planner)
{
    public async Task<ToolEvalReport> EvaluateAsync(string questionsPath, string? answersPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(questionsPath);
        var questions = await BfclDataset.ReadQuestionsAsync(questionsPath, cancellationToken).ConfigureAwait(false);
        var answers = answersPath is null ? null : await BfclDataset.ReadAnswersAsync(answersPath, cancellationToken).ConfigureAwait(false);
        var irrelevance = Path.GetFileName(questionsPath).Contains("irrelevance", StringComparison.OrdinalIgnoreCase);

        var latencies = new List<double>(questions.Count);
        int answered = 0, selected = 0, exact = 0;
        var kinds = new int[Enum.GetValues<ToolPlanKind>().Length];
        foreach (var question in questions)
        {
            var started = Stopwatch.GetTimestamp();
            var plan = await planner.PlanAsync(question.Request, question.Functions, cancellationToken).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            kinds[(int)plan.Kind]++;
            if (irrelevance)
            {
                continue;
            }

            if (answers is null || !answers.TryGetValue(question.Id, out var expected) || expected.Count == 0)
            {
                continue;
            }

            answered++;
            if (plan.Tool is { } tool && expected.Any(e => e.Function == tool.Name))
            {
                selected++;
                exact += plan.Kind == ToolPlanKind.Ready && expected.Any(e => BfclArgumentMatcher.Matches(tool, plan.Arguments, e)) ? 1 : 0;
            }
        }

        latencies.Sort();
        return new ToolEvalReport
        {
            Rows = questions.Count,
            SelectionAccuracy = answered == 0 ? null : (double)selected / answered,
            // BFCL's own irrelevance check passes any reply that contains no function call, so a
            // follow-up question for a missing argument counts as calling nothing: it is what the
            // specialist does. Plans says how many of those declined outright and how many asked.
            NoCallAccuracy = irrelevance && questions.Count > 0 ? (double)(questions.Count - kinds[(int)ToolPlanKind.Ready]) / questions.Count : null,
            ArgumentExact = answered == 0 ? null : (double)exact / answered,
            Plans = new ToolPlanCounts(kinds[(int)ToolPlanKind.Ready], kinds[(int)ToolPlanKind.NeedsInput], kinds[(int)ToolPlanKind.NoFit]),
            LatencyMs = new RetrievalLatency(RoutingMetrics.Percentile(latencies, 50), RoutingMetrics.Percentile(latencies, 95)),
        };
    }
}
