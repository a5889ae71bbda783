using Orchestrator.Configuration;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Links;
using Orchestrator.Specialists;

namespace Orchestrator.Pipeline;

public sealed partial class OrchestratorPipeline
{
    /// <summary>What a citation shows instead of its text when a check failed on that text and offered no rewrite.</summary>
    internal const string WithheldCitationText = "[quote withheld by the guardian's checks]";

    private readonly QuoteCheckMemo _quoteMemo = new();

    /// <summary>
    /// Citations reach the client beside the answer, so what the checks rewrite in an answer must not reach
    /// it through a citation's quote: every check that may rewrite (<see cref="MayRewrite"/>) and that
    /// applies to the answer (the agent's <c>guardian:</c> list, the output rail's checks except
    /// <c>flag</c> ones) runs on each citation's text, one after another, each on the text the one before
    /// left. A rewrite replaces the text; a check that fails on it without a rewrite withholds the quote
    /// (<see cref="WithheldCitationText"/>). Ids, sources and locators stay as they are, so the answer's
    /// [n] markers still point at the same citation.
    /// </summary>
    private async Task<SpecialistResult> RewriteCitationsAsync(string text, AgentDefinition agent, SpecialistResult result, CancellationToken cancellationToken)
    {
        if (result.Citations.Count == 0 || RewritingChecksFor(agent) is not { Count: > 0 } names)
        {
            return result;
        }

        var citations = new List<CitationInfo>(result.Citations.Count);
        foreach (var citation in result.Citations)
        {
            var shown = await RewriteCitationTextAsync(text, citation.Text, result.Evidence, names, cancellationToken).ConfigureAwait(false);
            citations.Add(citation with { Text = shown });
        }

        return result with { Citations = citations };
    }

    private async Task<string> RewriteCitationTextAsync(string question, string quote, IReadOnlyList<Passage> evidence, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var current = quote;
        foreach (var name in names)
        {
            var memo = IsMemoisable(name);
            if (!memo || !_quoteMemo.TryGet(current, out var shown))
            {
                shown = await CheckCitationTextAsync(question, current, evidence, name, cancellationToken).ConfigureAwait(false);
                if (memo)
                {
                    _quoteMemo.Remember(current, shown);
                }
            }

            if (string.Equals(shown, WithheldCitationText, StringComparison.Ordinal))
            {
                return WithheldCitationText;
            }

            current = shown;
        }

        return current;
    }

    /// <summary>What one check leaves of a quote: its rewrite, the quote itself when it passed, or <see cref="WithheldCitationText"/>.</summary>
    private async Task<string> CheckCitationTextAsync(string question, string quote, IReadOnlyList<Passage> evidence, string name, CancellationToken cancellationToken)
    {
        var verdict = await _guardian.ValidateAsync(new GuardianRequest(question, quote, evidence, [name]), cancellationToken).ConfigureAwait(false);
        if (verdict.Checks.FirstOrDefault(c => c.RewrittenAnswer is not null)?.RewrittenAnswer is { } rewritten)
        {
            return rewritten;
        }

        return verdict.Passed ? quote : WithheldCitationText;
    }

    /// <summary>
    /// Only the built-in guardian's <c>pii</c> check reads nothing but the quote (<see cref="QuoteCheckMemo"/>);
    /// <c>links</c> allows the evidence's own hosts, and a host's checks or guardian may read anything.
    /// </summary>
    private bool IsMemoisable(string name) =>
        _guardian is AnswerGuardian && name.Equals(PiiCheck.CheckName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The checks that apply to <paramref name="agent"/>'s answers and may rewrite them, in the order they run on the answer.</summary>
    private List<string> RewritingChecksFor(AgentDefinition agent)
    {
        var rail = RailsFor(agent)?.Config.Output.Where(kv => kv.Value != RailActions.Flag).Select(kv => kv.Key) ?? [];
        return [.. agent.Guardian.Concat(rail).Where(MayRewrite).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// The built-in checks that rewrite (<c>pii</c>, <c>links</c>) and every check of the host's own; the
    /// other built-in checks judge an answer against its question or sources and never rewrite it.
    /// </summary>
    private static bool MayRewrite(string name) =>
        name.Equals(PiiCheck.CheckName, StringComparison.OrdinalIgnoreCase)
        || name.Equals(LinkCheck.CheckName, StringComparison.OrdinalIgnoreCase)
        || !ConfigValidationContext.BuiltInGuardianChecks.Contains(name, StringComparer.OrdinalIgnoreCase);
}
