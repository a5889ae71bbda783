using System.Diagnostics;

namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Runs whole conversations through the pipeline and checks the last answer: right route, every
/// expected fact in the answer, the expected source cited and the expected tool called. A case is
/// useful only when all of them hold, because a cited answer on the wrong topic helps nobody.
/// </summary>
public static class AnswerEvaluator
{
    /// <summary>Answers every case (as its own caller when it names one) and scores the answers.</summary>
    /// <param name="cases">The cases.</param>
    /// <param name="ask">Answers one request; a request without a caller is the command's default caller's.</param>
    /// <param name="progress">Cases done so far.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<AnswerEvalReport> RunAsync(IReadOnlyList<AnswerCase> cases, Func<OrchestratorRequest, CancellationToken, Task<OrchestratorResponse>> ask, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var (results, latencies) = await AnswerAllAsync(cases, ask, progress, cancellationToken).ConfigureAwait(false);
        return Summarize(results, latencies);
    }

    /// <summary>Every case answered and scored, in order, with each answer's latency in milliseconds.</summary>
    internal static async Task<(IReadOnlyList<AnswerCaseResult> Results, IReadOnlyList<double> LatenciesMs)> AnswerAllAsync(
        IReadOnlyList<AnswerCase> cases, Func<OrchestratorRequest, CancellationToken, Task<OrchestratorResponse>> ask, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(ask);
        var results = new List<AnswerCaseResult>(cases.Count);
        var latencies = new List<double>(cases.Count);
        foreach (var c in cases)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await ask(new OrchestratorRequest(c.Text) { History = c.History, Caller = c.Caller }, cancellationToken).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            results.Add(Score(c, response));
            progress?.Report(results.Count);
        }

        return (results, latencies);
    }

    /// <summary>The report over scored cases: overall shares, per category, the misses and latency percentiles.</summary>
    internal static AnswerEvalReport Summarize(IReadOnlyList<AnswerCaseResult> results, IReadOnlyList<double> latenciesMs)
    {
        var latencies = latenciesMs.Order().ToList();
        return new AnswerEvalReport(
            results.Count,
            Share(results, r => r.Useful),
            Share(results, r => r.RouteOk),
            Share(results, r => r.FactsOk),
            Share(results, r => r.CitationOk),
            Share(results, r => r.ToolOk),
            Group(results, r => r.Category),
            [.. results.Where(r => !r.Useful)],
            new LatencySummary(RoutingMetrics.Percentile(latencies, 50), RoutingMetrics.Percentile(latencies, 95), RoutingMetrics.Percentile(latencies, 99)));
    }

    /// <summary>Scores per group of cases (a category, a turn of the conversation), ordered by group name.</summary>
    internal static IReadOnlyDictionary<string, AnswerCategoryScore> Group(IEnumerable<AnswerCaseResult> results, Func<AnswerCaseResult, string> key) =>
        results.GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new AnswerCategoryScore(g.Count(), Share(g, r => r.Useful), Share(g, r => r.RouteOk), Share(g, r => r.FactsOk), Share(g, r => r.CitationOk)), StringComparer.Ordinal);

    /// <summary>Checks one answer against its case's expectations.</summary>
    public static AnswerCaseResult Score(AnswerCase answerCase, OrchestratorResponse response)
    {
        ArgumentNullException.ThrowIfNull(answerCase);
        ArgumentNullException.ThrowIfNull(response);
        var expect = answerCase.Expect;
        var routeOk = expect.Agent is null
            ? response.Route.OutOfScope || response.Route.Agent is null
            : !response.Route.OutOfScope && string.Equals(response.Route.Agent, expect.Agent, StringComparison.OrdinalIgnoreCase);
        var factsOk = expect.Facts.All(f => response.Answer.Contains(f, StringComparison.OrdinalIgnoreCase))
            && !expect.AbsentFacts.Any(f => response.Answer.Contains(f, StringComparison.OrdinalIgnoreCase));
        var citationOk = expect.Source is null || response.Citations.Any(c => SameSource(c.Source, expect.Source));
        var toolOk = expect.Tool is null || response.ToolCalls.Any(t => string.Equals(t.Name, expect.Tool, StringComparison.Ordinal) && HasExpectedStatus(t, expect.ToolStatus));
        return new AnswerCaseResult(answerCase.Id, answerCase.Category, routeOk, factsOk, citationOk, toolOk, response.Route.OutOfScope ? null : response.Route.Agent, response.Answer)
        {
            RetrievalQuery = response.RetrievalQuery,
        };
    }

    /// <summary>
    /// A named status must match; otherwise the call must have run or been proposed for confirmation.
    /// A refused or failed call is not the tool doing its job, even though the right tool was chosen.
    /// </summary>
    private static bool HasExpectedStatus(ToolCallInfo call, string? expected) =>
        expected is not null
            ? string.Equals(call.Status, expected, StringComparison.Ordinal)
            : call.Status is ToolCallStatus.Ok or ToolCallStatus.AwaitingConfirmation;

    /// <summary>Sources are stored as given at ingestion (relative or absolute); the expected one is a path suffix.</summary>
    private static bool SameSource(string cited, string expected)
    {
        var a = cited.Replace('\\', '/');
        var b = expected.Replace('\\', '/').TrimStart('.', '/');
        return a.EndsWith(b, StringComparison.OrdinalIgnoreCase) && (a.Length == b.Length || a[a.Length - b.Length - 1] == '/');
    }

    private static double Share(IEnumerable<AnswerCaseResult> results, Func<AnswerCaseResult, bool> ok)
    {
        var list = results as IReadOnlyCollection<AnswerCaseResult> ?? [.. results];
        return list.Count == 0 ? 0 : Math.Round((double)list.Count(ok) / list.Count, 4);
    }
}
