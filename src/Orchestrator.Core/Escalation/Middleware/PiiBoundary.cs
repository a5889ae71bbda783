using Microsoft.Extensions.AI;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Pii;
using Orchestrator.Models;

namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// The privacy boundary of one call. On the way out, PII in every message is replaced by
/// placeholders (one numbering for all of them, so &lt;EMAIL_1&gt; means the same value everywhere).
/// On the way back, the placeholders are restored and the answer goes through the guardian's PII
/// check in redact mode, which leaves the user's own values alone but redacts personal data the
/// model produced itself.
/// </summary>
internal sealed class PiiBoundary
{
    // Joins the texts for one redaction pass; no PII pattern spans it.
    private const string Separator = "\n\u241E\n";

    private readonly IReadOnlyDictionary<string, string> _mapping;
    private readonly PiiCheck _inboundCheck;

    private PiiBoundary(IReadOnlyList<ChatMessage> messages, IReadOnlyDictionary<string, string> mapping, IReadOnlyList<string> allow)
    {
        Messages = messages;
        _mapping = mapping;

        // '*' would turn a user's value into a glob; such values are simply redacted on the way back.
        var userValues = mapping.Values.Where(v => !v.Contains('*', StringComparison.Ordinal));
        _inboundCheck = new PiiCheck(PiiCheckMode.Redact, new PiiRedactor(new PiiDetector(new PiiAllowList(allow.Concat(userValues)))));
    }

    /// <summary>The redacted messages to send: text only, so nothing unredacted rides along in other content.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>How many distinct PII values were replaced by placeholders.</summary>
    public int RedactedValues => _mapping.Count;

    public static PiiBoundary Redact(IEnumerable<ChatMessage> messages, PiiRedactor redactor, IReadOnlyList<string> allow)
    {
        var outgoing = messages.ToList();
        var texts = outgoing.Select(m => m.Text.Replace(Separator.Trim('\n'), " ", StringComparison.Ordinal));
        var redaction = redactor.Redact(string.Join(Separator, texts));
        var parts = redaction.Text.Split(Separator);
        var redacted = outgoing.Select((m, i) => new ChatMessage(m.Role, parts[i])).ToList();
        return new PiiBoundary(redacted, redaction.Mapping, allow);
    }

    /// <summary>Restores the user's values and redacts PII the model added; returns the text to show and the check's result.</summary>
    public Task<(string Text, GuardianCheckResult Check)> InboundAsync(string text, CancellationToken cancellationToken) =>
        CheckAsync(Restore(text), cancellationToken);

    /// <summary>The model's text with the user's values back in place of their placeholders.</summary>
    public string Restore(string text) => PiiRedactor.Restore(ModelOutput.Clean(text), _mapping);

    /// <summary>Redacts PII the model added to a restored text; returns the text to show and the check's result.</summary>
    public async Task<(string Text, GuardianCheckResult Check)> CheckAsync(string restored, CancellationToken cancellationToken)
    {
        var check = await _inboundCheck.CheckAsync(new GuardianCheckContext("", restored, []), cancellationToken).ConfigureAwait(false);
        return (check.RewrittenAnswer ?? restored, check with { Name = PiiBoundaryChatClient.CheckName });
    }
}
