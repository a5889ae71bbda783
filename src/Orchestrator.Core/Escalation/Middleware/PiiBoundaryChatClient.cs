using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Orchestrator.Guardian;
using Orchestrator.Guardian.Links;
using Orchestrator.Guardian.Pii;
using Orchestrator.Models;

namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// Keeps personal data on this side of the pipeline. Every outgoing message is redacted in one pass
/// (PII becomes placeholders such as &lt;EMAIL_1&gt;; only text is sent, other content is dropped);
/// the answer comes back with the user's values restored and PII the model made up redacted by the
/// guardian's PII check. Streamed text is released in whole sentences and lines, so a placeholder
/// split across updates is restored whole and the check sees whole values; the rest of the text is
/// released at the end only when the stream finished and carried no <see cref="ErrorContent"/>.
/// The check's result and the number of redacted values ride on the response's (or the last
/// update's) <see cref="ChatResponse.AdditionalProperties"/>, see <see cref="CheckOf"/>.
/// </summary>
public sealed class PiiBoundaryChatClient : DelegatingChatClient
{
    /// <summary>The name of the check in <see cref="CheckKey"/>.</summary>
    public const string CheckName = "cloud_pii";

    /// <summary>A <see cref="GuardianCheckResult"/>: the PII check on the answer; absent when there was no answer.</summary>
    public const string CheckKey = "orchestrator.pii_check";

    /// <summary>The name of the link check's result in <see cref="LinkCheckKey"/>.</summary>
    public const string LinkCheckName = "cloud_links";

    /// <summary>A <see cref="GuardianCheckResult"/>: the link check on the answer; absent when there was no answer or no link check.</summary>
    public const string LinkCheckKey = "orchestrator.link_check";

    /// <summary>
    /// An <see cref="IReadOnlyList{T}"/> of <see cref="Passage"/> on <see cref="ChatOptions.AdditionalProperties"/>:
    /// the evidence sent with this call, whose sources' hosts the answer may link to.
    /// </summary>
    public const string LinkEvidenceKey = "orchestrator.link_evidence";

    /// <summary>An <see cref="int"/>: how many distinct PII values were sent as placeholders.</summary>
    public const string RedactedValuesKey = "orchestrator.pii_redacted_values";

    private readonly PiiRedactor _redactor;
    private readonly IReadOnlyList<string> _allow;
    private readonly LinkAllowList? _linkAllow;
    private readonly LinkCheck _links = new(name: LinkCheckName);

    /// <param name="innerClient">Everything behind the boundary: it only ever sees redacted messages.</param>
    /// <param name="allow">Values the inbound check leaves alone (<c>guardian.pii_allow</c>).</param>
    /// <param name="redactor">Finds the PII to replace on the way out; the default detects every type.</param>
    public PiiBoundaryChatClient(IChatClient innerClient, IReadOnlyList<string>? allow = null, PiiRedactor? redactor = null)
        : this(innerClient, allow, redactor, linkAllow: null)
    {
    }

    /// <param name="innerClient">Everything behind the boundary: it only ever sees redacted messages.</param>
    /// <param name="allow">Values the inbound check leaves alone (<c>guardian.pii_allow</c>).</param>
    /// <param name="redactor">Finds the PII to replace on the way out; the default detects every type.</param>
    /// <param name="linkAllow">
    /// Hosts answers may link to (<c>guardian.links.allow</c>; plus, per call, the hosts of the
    /// evidence in <see cref="LinkEvidenceKey"/>): links elsewhere are removed and reported as a failed
    /// <see cref="LinkCheckName"/> check. Null runs no link check.
    /// </param>
    public PiiBoundaryChatClient(IChatClient innerClient, IReadOnlyList<string>? allow, PiiRedactor? redactor, LinkAllowList? linkAllow)
        : base(innerClient)
    {
        _allow = allow ?? [];
        _redactor = redactor ?? new PiiRedactor();
        _linkAllow = linkAllow;
    }

    /// <summary>The link check that <see cref="PiiBoundaryChatClient"/> ran on an answer, if any.</summary>
    public static GuardianCheckResult? LinkCheckOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(LinkCheckKey, out GuardianCheckResult? check) ? check : null;

    /// <summary>The PII check that <see cref="PiiBoundaryChatClient"/> ran on an answer, if any.</summary>
    public static GuardianCheckResult? CheckOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(CheckKey, out GuardianCheckResult? check) ? check : null;

    /// <summary>How many values <see cref="PiiBoundaryChatClient"/> sent as placeholders.</summary>
    public static int RedactedValuesOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(RedactedValuesKey, out int count) ? count : 0;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var boundary = Boundary(messages, options);
        var response = await base.GetResponseAsync(boundary.Messages, options, cancellationToken).ConfigureAwait(false);
        var text = ModelOutput.Clean(response.Text).Trim();
        InboundResult? inbound = null;
        if (text.Length > 0)
        {
            inbound = await boundary.InboundAsync(text, cancellationToken).ConfigureAwait(false);
            text = inbound.Text;
        }

        // Only the shown text goes back: the model's own wording (placeholders) stays behind the boundary.
        response.Messages = [new ChatMessage(ChatRole.Assistant, WithText(response.Messages.SelectMany(m => m.Contents), text))];
        response.AdditionalProperties = Report(response.AdditionalProperties, boundary, inbound);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var boundary = Boundary(messages, options);
        var segments = new SentenceSegmenter();
        var restored = new StringBuilder();
        var raw = 0;
        var finished = false;
        var failed = false;
        await foreach (var update in base.GetStreamingResponseAsync(boundary.Messages, options, cancellationToken).ConfigureAwait(false))
        {
            finished |= update.FinishReason is not null;
            failed |= update.Contents.Any(c => c is ErrorContent);
            var piece = ModelOutput.Clean(update.Text, Math.Max(0, ModelOutput.DefaultMaxChars - raw));
            raw += piece.Length;
            var released = new StringBuilder();
            foreach (var segment in segments.Push(piece))
            {
                released.Append(await ReleaseAsync(boundary, segment, restored, cancellationToken).ConfigureAwait(false));
            }

            yield return WithText(update, released.ToString());
        }

        // A stream that did not finish is a broken answer: its last, partial sentence is never shown.
        if (finished && !failed)
        {
            var rest = await ReleaseAsync(boundary, segments.Flush(), restored, cancellationToken).ConfigureAwait(false);
            if (rest.Length > 0)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, rest);
            }
        }

        // The check that reports is run on the whole answer as the model meant it, so it counts
        // what the segments redacted, exactly as for a whole response.
        InboundResult? inbound = null;
        if (restored.ToString().Trim().Length > 0)
        {
            inbound = await boundary.CheckAsync(restored.ToString(), cancellationToken).ConfigureAwait(false);
        }

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, AdditionalProperties = Report(null, boundary, inbound) };
    }

    /// <summary>One whole segment on its way in: restored (kept for the final check), then checked; returns the text to show.</summary>
    private static async Task<string> ReleaseAsync(PiiBoundary boundary, string segment, StringBuilder restored, CancellationToken cancellationToken)
    {
        var text = boundary.RestoreNext(segment);
        restored.Append(text);
        return (await boundary.CheckAsync(text, cancellationToken).ConfigureAwait(false)).Text;
    }

    /// <summary>The update with its text replaced by <paramref name="text"/>; every other content and field stays.</summary>
    private static ChatResponseUpdate WithText(ChatResponseUpdate update, string text)
    {
        var clone = update.Clone();
        clone.Contents = WithText(update.Contents, text);
        return clone;
    }

    /// <summary>The text (if any) and every content that is not the model's own text.</summary>
    private static List<AIContent> WithText(IEnumerable<AIContent> contents, string text)
    {
        var result = new List<AIContent>();
        if (text.Length > 0)
        {
            result.Add(new TextContent(text));
        }

        result.AddRange(contents.Where(c => c is not TextContent and not TextReasoningContent));
        return result;
    }

    private PiiBoundary Boundary(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var evidence = options?.AdditionalProperties is { } properties && properties.TryGetValue(LinkEvidenceKey, out IReadOnlyList<Passage>? passages) ? passages : [];
        return PiiBoundary.Redact(messages, _redactor, _allow, _linkAllow is null ? null : _links, _linkAllow?.WithEvidence(evidence ?? []));
    }

    private static AdditionalPropertiesDictionary Report(AdditionalPropertiesDictionary? properties, PiiBoundary boundary, InboundResult? inbound)
    {
        var report = properties is null ? [] : new AdditionalPropertiesDictionary(properties);
        report[RedactedValuesKey] = boundary.RedactedValues;
        if (inbound is not null)
        {
            report[CheckKey] = inbound.Pii;
            if (inbound.Links is { } links)
            {
                report[LinkCheckKey] = links;
            }
        }

        return report;
    }
}
