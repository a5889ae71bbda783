using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Configuration;
using Orchestrator.Pipeline;
using Orchestrator.Retrieval.QueryRewriting;
using Orchestrator.Routing;

namespace Orchestrator.Cli.Evaluation;

/// <summary>One multi-turn case: earlier turns, the latest user turn and the agent that should take it.</summary>
/// <param name="Kind"><c>stay</c> (a follow-up of the previous topic) or <c>switch</c> (a new topic).</param>
public sealed record FollowupCase(string Kind, string Label, IReadOnlyList<ConversationTurn> History, string Text)
{
    /// <summary>A source the answer must cite; null when none is required (or the case only checks routing).</summary>
    public string? Source { get; init; }

    /// <summary>Substrings the answer must contain.</summary>
    public IReadOnlyList<string> Facts { get; init; } = [];

    /// <summary>A tool that must be called (ran, or proposed for confirmation); null when none.</summary>
    public string? Tool { get; init; }

    /// <summary>Who asks; null runs as the command's <c>--user</c>, or anonymously.</summary>
    public CallerIdentity? Caller { get; init; }

    /// <summary>Which user turn of the conversation this is (2 for a follow-up after one question).</summary>
    public int Turn => History.Count(t => t.Role == ConversationTurn.User && !string.IsNullOrWhiteSpace(t.Text)) + 1;
}

/// <summary>Routing accuracy on follow-up cases: the router alone versus <see cref="ConversationRouter"/>.</summary>
public sealed record FollowupReport(
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("stay_cases")] int StayCases,
    [property: JsonPropertyName("switch_cases")] int SwitchCases,
    [property: JsonPropertyName("switch_confidence")] double SwitchConfidence,
    [property: JsonPropertyName("max_turns")] int MaxTurns,
    [property: JsonPropertyName("without_stickiness")] FollowupScore WithoutStickiness,
    [property: JsonPropertyName("with_stickiness")] FollowupScore WithStickiness)
{
    /// <summary>With <c>--answers</c>: every case answered by the pipeline and scored as <c>eval answers</c> scores (categories are stay / switch).</summary>
    [JsonPropertyName("answers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AnswerEvalReport? Answers { get; init; }

    /// <summary>With <c>--answers</c>: the same scores per user turn of the conversation ("2", "3", ...).</summary>
    [JsonPropertyName("answers_by_turn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, AnswerCategoryScore>? AnswersByTurn { get; init; }
}

public sealed record FollowupScore(
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("stay_accuracy")] double StayAccuracy,
    [property: JsonPropertyName("switch_accuracy")] double SwitchAccuracy,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors);

public static class FollowupEvaluator
{
    /// <summary>Routes every case twice: latest turn alone, and through the stickiness settings given.</summary>
    public static async Task<FollowupReport> RunAsync(IReadOnlyList<FollowupCase> cases, IRouter router, StickinessConfig stickiness, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(stickiness);
        var off = new ConversationRouter(router, new StickinessConfig { Enabled = false });
        var on = new ConversationRouter(router, new StickinessConfig { Enabled = true, MaxTurns = stickiness.MaxTurns, SwitchConfidence = stickiness.SwitchConfidence }, FollowUpQueryRewriter.Rewrite);
        return new FollowupReport(
            cases.Count,
            cases.Count(c => c.Kind == "stay"),
            cases.Count(c => c.Kind == "switch"),
            stickiness.SwitchConfidence,
            stickiness.MaxTurns,
            await ScoreAsync(cases, off, cancellationToken).ConfigureAwait(false),
            await ScoreAsync(cases, on, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Answers every case through the pipeline and scores route, facts, citation and tool per case,
    /// with the <c>eval answers</c> scoring; the report groups them by kind and by user turn.
    /// </summary>
    public static async Task<(AnswerEvalReport Report, IReadOnlyDictionary<string, AnswerCategoryScore> ByTurn)> AnswerAsync(
        IReadOnlyList<FollowupCase> cases, Func<OrchestratorRequest, CancellationToken, Task<OrchestratorResponse>> ask, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var asCases = cases.Select((c, i) => new AnswerCase(
            $"{i + 1}: {c.Text}",
            c.Kind,
            c.History,
            c.Text,
            new AnswerExpectation(c.Label, false, c.Source, c.Facts, c.Tool))
        {
            Caller = c.Caller,
        }).ToList();
        var (results, latencies) = await AnswerEvaluator.AnswerAllAsync(asCases, ask, progress, cancellationToken).ConfigureAwait(false);
        var turnOf = results.Select((r, i) => (r.Id, Turn: cases[i].Turn)).ToDictionary(x => x.Id, x => x.Turn.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return (AnswerEvaluator.Summarize(results, latencies), AnswerEvaluator.Group(results, r => turnOf[r.Id]));
    }

    private static async Task<FollowupScore> ScoreAsync(IReadOnlyList<FollowupCase> cases, ConversationRouter router, CancellationToken cancellationToken)
    {
        var correct = new List<(FollowupCase Case, bool Ok)>();
        var errors = new List<string>();
        foreach (var c in cases)
        {
            var decision = await router.RouteAsync(c.Text, c.History, cancellationToken).ConfigureAwait(false);
            var ok = !decision.OutOfScope && decision.Route == c.Label;
            correct.Add((c, ok));
            if (!ok)
            {
                errors.Add($"{c.Kind}: \"{c.Text}\" → {(decision.OutOfScope ? "out_of_scope" : decision.Route)} (expected {c.Label})");
            }
        }

        return new FollowupScore(Share(correct), Share(correct.Where(x => x.Case.Kind == "stay")), Share(correct.Where(x => x.Case.Kind == "switch")), errors);
    }

    private static double Share(IEnumerable<(FollowupCase Case, bool Ok)> results)
    {
        var list = results.ToList();
        return list.Count == 0 ? 0 : Math.Round((double)list.Count(x => x.Ok) / list.Count, 4);
    }

    /// <summary>
    /// Reads JSON lines <c>{"kind","label","history":[{"role","content"}],"text"}</c>, optionally with
    /// what the answer needs: <c>"source"</c>, <c>"facts"</c>, <c>"tool"</c> and <c>"caller": {"user","roles"}</c>.
    /// </summary>
    public static IReadOnlyList<FollowupCase> Read(string path)
    {
        var cases = new List<FollowupCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var row = JsonSerializer.Deserialize<Row>(line) ?? throw new JsonException("null row");
                if (row.Kind is not ("stay" or "switch") || string.IsNullOrWhiteSpace(row.Label) || string.IsNullOrWhiteSpace(row.Text))
                {
                    throw new JsonException("expected kind (stay|switch), label and text");
                }

                if ((row.History ?? []).Any(t => t is null || t.Role is not (ConversationTurn.User or ConversationTurn.Assistant) || t.Content is null))
                {
                    throw new JsonException("every \"history\" turn needs \"role\" (user or assistant) and \"content\"");
                }

                if (cases.Count >= AnswerCaseReader.MaxCases)
                {
                    throw new JsonException($"more than {AnswerCaseReader.MaxCases} cases; split the file");
                }

                cases.Add(new FollowupCase(row.Kind, row.Label, [.. (row.History ?? []).Select(t => new ConversationTurn(t.Role ?? "", t.Content ?? ""))], row.Text)
                {
                    Source = string.IsNullOrWhiteSpace(row.Source) ? null : row.Source,
                    Facts = [.. (row.Facts ?? []).Where(f => !string.IsNullOrWhiteSpace(f))],
                    Tool = string.IsNullOrWhiteSpace(row.Tool) ? null : row.Tool,
                    Caller = AnswerCaseReader.ReadCaller(row.Caller),
                });
            }
            catch (JsonException ex)
            {
                throw DatasetFormatException.At(path, $"line {lineNumber}", ex.Message, ex);
            }
        }

        return cases.Count > 0 ? cases : throw DatasetFormatException.At(path, "file", "no cases");
    }

    private sealed record Row(
        [property: JsonPropertyName("kind")] string? Kind,
        [property: JsonPropertyName("label")] string? Label,
        [property: JsonPropertyName("history")] IReadOnlyList<Turn>? History,
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("source")] string? Source,
        [property: JsonPropertyName("facts")] IReadOnlyList<string>? Facts,
        [property: JsonPropertyName("tool")] string? Tool,
        [property: JsonPropertyName("caller")] AnswerCaseReader.CallerRow? Caller);

    private sealed record Turn([property: JsonPropertyName("role")] string? Role, [property: JsonPropertyName("content")] string? Content);
}
