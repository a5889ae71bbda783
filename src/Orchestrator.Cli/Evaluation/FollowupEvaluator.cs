using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Configuration;
using Orchestrator.Pipeline;
using Orchestrator.Routing;

namespace Orchestrator.Cli.Evaluation;

/// <summary>One multi-turn case: earlier turns, the latest user turn and the agent that should take it.</summary>
/// <param name="Kind"><c>stay</c> (a follow-up of the previous topic) or <c>switch</c> (a new topic).</param>
public sealed record FollowupCase(string Kind, string Label, IReadOnlyList<ConversationTurn> History, string Text);

/// <summary>Routing accuracy on follow-up cases: the router alone versus <see cref="ConversationRouter"/>.</summary>
public sealed record FollowupReport(
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("stay_cases")] int StayCases,
    [property: JsonPropertyName("switch_cases")] int SwitchCases,
    [property: JsonPropertyName("switch_confidence")] double SwitchConfidence,
    [property: JsonPropertyName("max_turns")] int MaxTurns,
    [property: JsonPropertyName("without_stickiness")] FollowupScore WithoutStickiness,
    [property: JsonPropertyName("with_stickiness")] FollowupScore WithStickiness);

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
        var on = new ConversationRouter(router, new StickinessConfig { Enabled = true, MaxTurns = stickiness.MaxTurns, SwitchConfidence = stickiness.SwitchConfidence });
        return new FollowupReport(
            cases.Count,
            cases.Count(c => c.Kind == "stay"),
            cases.Count(c => c.Kind == "switch"),
            stickiness.SwitchConfidence,
            stickiness.MaxTurns,
            await ScoreAsync(cases, off, cancellationToken).ConfigureAwait(false),
            await ScoreAsync(cases, on, cancellationToken).ConfigureAwait(false));
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

    /// <summary>Reads JSON lines <c>{"kind","label","history":[{"role","content"}],"text"}</c>.</summary>
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

                cases.Add(new FollowupCase(row.Kind, row.Label, [.. (row.History ?? []).Select(t => new ConversationTurn(t.Role ?? "", t.Content ?? ""))], row.Text));
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
        [property: JsonPropertyName("text")] string? Text);

    private sealed record Turn([property: JsonPropertyName("role")] string? Role, [property: JsonPropertyName("content")] string? Content);
}
