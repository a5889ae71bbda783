using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Orchestrator.Configuration;
using Orchestrator.Pipeline;
using Orchestrator.Prompts;
using Orchestrator.Retrieval;
using Orchestrator.Retrieval.Storage;
using Orchestrator.Models;

namespace Orchestrator.Specialists;

/// <summary>What the model wrote, or why its answer cannot be used.</summary>
public sealed record GroundedAnswer(SpecialistResult? Result, string? RejectedBecause);

/// <summary>
/// Asks a chat model to answer from numbered passages and maps its <c>[n]</c> citations back to
/// the passages. An answer that cites nothing or cites a number that was not offered is rejected,
/// so the caller can fall back to the extractive answer rather than show an unsupported one.
/// </summary>
public sealed partial class GroundedAnswerWriter
{
    private readonly PromptLibrary _prompts;
    private readonly int _maxPassages;
    private readonly int _snippetChars;

    public GroundedAnswerWriter(PromptLibrary prompts, int maxPassages = 5, int snippetChars = 300)
    {
        _prompts = prompts ?? throw new ArgumentNullException(nameof(prompts));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPassages, 1);
        _maxPassages = maxPassages;
        _snippetChars = snippetChars;
    }

    /// <summary>Model and network failures are returned as a rejection reason, never thrown (cancellation by the caller is).</summary>
    public Task<GroundedAnswer> WriteAsync(IChatClient client, AgentDefinition agent, string question, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken = default) =>
        WriteAsync(client, agent, question, hits, critique: null, cancellationToken);

    /// <summary>As above; <paramref name="critique"/> (a repair attempt) tells the model why its previous answer was rejected.</summary>
    public async Task<GroundedAnswer> WriteAsync(IChatClient client, AgentDefinition agent, string question, IReadOnlyList<SearchHit> hits, string? critique, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(hits);
        var passages = hits.Take(_maxPassages).Select(h => h.Passage).ToList();
        if (passages.Count == 0)
        {
            return new GroundedAnswer(null, "no passages to answer from");
        }

        var prompt = await _prompts.RenderAsync(agent.Prompt, DefaultPrompts.GroundedAnswer, new PromptVariables(question, FormatContext(passages)), cancellationToken).ConfigureAwait(false);
        if (critique is not null)
        {
            prompt += DefaultPrompts.RepairNote(critique);
        }

        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, DefaultPrompts.System), new ChatMessage(ChatRole.User, prompt)], cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ModelCallFailure.IsModelFailure(ex, cancellationToken))
        {
            return new GroundedAnswer(null, ModelCallFailure.Describe(agent.Model ?? "?", ex));
        }

        return Map(ModelOutput.Clean(response.Text).Trim(), passages, response.Usage);
    }

    /// <summary>Passages as <c>[n] (source, locator)</c> headers followed by their text; numbers are 1-based.</summary>
    internal static string FormatContext(IReadOnlyList<Passage> passages)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            var p = passages[i];
            builder.Append(CultureInfo.InvariantCulture, $"[{i + 1}] ({p.Source}, {p.Locator})").Append('\n').Append(p.Text.Trim()).Append("\n\n");
        }

        return builder.ToString().TrimEnd();
    }

    private GroundedAnswer Map(string text, List<Passage> passages, UsageDetails? usage)
    {
        if (text.Length == 0)
        {
            return new GroundedAnswer(null, "the model returned an empty answer");
        }

        var cited = CitationMarker().Matches(text)
            .SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Distinct()
            .ToList();
        if (cited.Count == 0)
        {
            return new GroundedAnswer(null, "the model's answer cites no passage");
        }

        if (cited.FirstOrDefault(id => id < 1 || id > passages.Count) is var bad and not 0)
        {
            return new GroundedAnswer(null, $"the model cited [{bad}], but only passages 1-{passages.Count} were given");
        }

        var ordered = cited.Order().ToList();
        var result = new SpecialistResult
        {
            Succeeded = true,
            Answer = text,
            Citations = ordered.Select(id => new CitationInfo(id, passages[id - 1].Source, passages[id - 1].Locator, Snippet(passages[id - 1].Text))).ToList(),
            Evidence = ordered.Select(id => passages[id - 1]).ToList(),
            PromptTokens = (int)(usage?.InputTokenCount ?? 0),
            CompletionTokens = (int)(usage?.OutputTokenCount ?? 0),
        };
        return new GroundedAnswer(result, null);
    }

    private string Snippet(string text) =>
        text.Length <= _snippetChars ? text : text[.._snippetChars].TrimEnd() + "…";

    /// <summary>[1], [2, 3]; a number that does not parse maps to -1, which is rejected as out of range.</summary>
    [GeneratedRegex(@"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")]
    private static partial Regex CitationMarker();
}
