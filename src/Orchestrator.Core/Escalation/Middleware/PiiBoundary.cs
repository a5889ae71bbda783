using Microsoft.Extensions.AI;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Links;
using Orchestrator.Guardian.Pii;
using Orchestrator.Models;

namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// The privacy boundary of one call. On the way out, PII in every message is replaced by
/// placeholders (one numbering for all of them, so &lt;EMAIL_1&gt; means the same value everywhere),
/// then identifier-shaped runs the detector has no cue for (<see cref="IdShapedRuns"/>, &lt;ID_1&gt;),
/// and only then are messages that carry a length limit cut, so no value is ever sent in part.
/// On the way back, the placeholders are restored (never inside URLs or markup, see
/// <see cref="MarkupSafeRestore"/>), the answer goes through the guardian's PII check in redact mode,
/// which leaves the user's own values alone but redacts personal data the model produced itself,
/// and, when configured, through the link check, which removes links to hosts outside the allow-list.
/// </summary>
internal sealed class PiiBoundary
{
    /// <summary>An <see cref="int"/> on a message's additional properties: cut the message to this many characters after redaction.</summary>
    internal const string MaxCharsKey = "orchestrator.max_chars";

    // Joins the texts for one redaction pass; no PII pattern spans it.
    private const string Separator = "\n\u241E\n";

    private static readonly System.Buffers.SearchValues<char> PlaceholderChars = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");

    private readonly IReadOnlyDictionary<string, string> _mapping;
    private readonly PiiCheck _inboundCheck;
    private readonly LinkCheck? _links;
    private readonly LinkAllowList _linkAllow;
    private readonly System.Text.StringBuilder _streamed = new();

    private PiiBoundary(IReadOnlyList<ChatMessage> messages, IReadOnlyDictionary<string, string> mapping, IReadOnlyList<string> allow, LinkCheck? links, LinkAllowList linkAllow)
    {
        Messages = messages;
        _mapping = mapping;
        _links = links;
        _linkAllow = linkAllow;

        // '*' would turn a user's value into a glob; such values are simply redacted on the way back.
        var userValues = mapping.Values.Where(v => !v.Contains('*', StringComparison.Ordinal));
        _inboundCheck = new PiiCheck(PiiCheckMode.Redact, new PiiRedactor(new PiiDetector(new PiiAllowList(allow.Concat(userValues)))));
    }

    /// <summary>The redacted messages to send: text only, so nothing unredacted rides along in other content.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>How many distinct PII values were replaced by placeholders.</summary>
    public int RedactedValues => _mapping.Count;

    /// <param name="links">The link check for answers, or null for none.</param>
    /// <param name="linkAllow">The hosts answers of this call may link to.</param>
    public static PiiBoundary Redact(IEnumerable<ChatMessage> messages, PiiRedactor redactor, IReadOnlyList<string> allow, LinkCheck? links = null, LinkAllowList? linkAllow = null)
    {
        var outgoing = messages.ToList();
        var texts = outgoing.Select(m => m.Text.Replace(Separator.Trim('\n'), " ", StringComparison.Ordinal));
        var redaction = redactor.Redact(string.Join(Separator, texts));
        var mapping = new Dictionary<string, string>(redaction.Mapping, StringComparer.Ordinal);
        var parts = IdShapedRuns.Redact(redaction.Text, mapping, allow).Split(Separator);
        var redacted = outgoing.Select((m, i) => new ChatMessage(m.Role, Cut(parts[i], MaxChars(m)))).ToList();
        return new PiiBoundary(redacted, mapping, allow, links, linkAllow ?? LinkAllowList.Empty);
    }

    /// <summary>Restores the user's values and runs the inbound checks; returns the text to show and the checks' results.</summary>
    public Task<InboundResult> InboundAsync(string text, CancellationToken cancellationToken) =>
        CheckAsync(Restore(text), cancellationToken);

    /// <summary>The model's text with the user's values back in place of their placeholders, except inside URLs and markup.</summary>
    public string Restore(string text) => MarkupSafeRestore.Restore(ModelOutput.Clean(text), _mapping, 0);

    /// <summary>
    /// <see cref="Restore"/> for the next streamed segment: URLs and markup are judged on everything
    /// streamed so far, so a tag or link destination opened in an earlier segment still guards this one.
    /// </summary>
    public string RestoreNext(string segment)
    {
        var from = _streamed.Length;
        _streamed.Append(ModelOutput.Clean(segment));
        return MarkupSafeRestore.Restore(_streamed.ToString(), _mapping, from);
    }

    /// <summary>Redacts PII the model added to a restored text and removes foreign links; returns the text to show and the checks' results.</summary>
    public async Task<InboundResult> CheckAsync(string restored, CancellationToken cancellationToken)
    {
        var check = await _inboundCheck.CheckAsync(new GuardianCheckContext("", restored, []), cancellationToken).ConfigureAwait(false);
        var text = check.RewrittenAnswer ?? restored;
        var links = _links?.Check(text, _linkAllow);
        return new InboundResult(links?.RewrittenAnswer ?? text, check with { Name = PiiBoundaryChatClient.CheckName }, links);
    }

    private static int? MaxChars(ChatMessage message) =>
        message.AdditionalProperties is { } properties && properties.TryGetValue(MaxCharsKey, out int max) && max > 0 ? max : null;

    /// <summary>The redacted text cut to <paramref name="max"/> characters, never inside a placeholder.</summary>
    private static string Cut(string text, int? max)
    {
        if (max is not { } limit || text.Length <= limit)
        {
            return text;
        }

        // A placeholder is '<', capitals, digits and '_', then '>': cut before one that would be split.
        var open = text.LastIndexOf('<', limit - 1);
        var split = open >= 0 && text.AsSpan(open + 1, limit - open - 1).IndexOfAnyExcept(PlaceholderChars) < 0;
        return text[..(split ? open : limit)];
    }
}

/// <summary>What the inbound checks made of an answer (or a released part of it).</summary>
internal sealed record InboundResult(string Text, GuardianCheckResult Pii, GuardianCheckResult? Links);
