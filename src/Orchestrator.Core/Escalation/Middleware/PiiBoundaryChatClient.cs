using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Orchestrator.Guardian;
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

    /// <summary>An <see cref="int"/>: how many distinct PII values were sent as placeholders.</summary>
    public const string RedactedValuesKey = "orchestrator.pii_redacted_values";

    private readonly PiiRedactor _redactor;
    private readonly IReadOnlyList<string> _allow;

    /// <param name="innerClient">Everything behind the boundary: it only ever sees redacted messages.</param>
    /// <param name="allow">Values the inbound check leaves alone (<c>guardian.pii_allow</c>).</param>
    /// <param name="redactor">Finds the PII to replace on the way out; the default detects every type.</param>
    public PiiBoundaryChatClient(IChatClient innerClient, IReadOnlyList<string>? allow = null, PiiRedactor? redactor = null)
        : base(innerClient)
    {
        _allow = allow ?? [];
        _redactor = redactor ?? new PiiRedactor();
    }

    /// <summary>The PII check that <see cref="PiiBoundaryChatClient"/> ran on an answer, if any.</summary>
    public static GuardianCheckResult? CheckOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(CheckKey, out GuardianCheckResult? check) ? check : null;

    /// <summary>How many values <see cref="PiiBoundaryChatClient"/> sent as placeholders.</summary>
    public static int RedactedValuesOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(RedactedValuesKey, out int count) ? count : 0;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var boundary = PiiBoundary.Redact(messages, _redactor, _allow);
        var response = await base.GetResponseAsync(boundary.Messages, options, cancellationToken).ConfigureAwait(false);
        var text = ModelOutput.Clean(response.Text).Trim();
        GuardianCheckResult? check = null;
        if (text.Length > 0)
        {
            (text, check) = await boundary.InboundAsync(text, cancellationToken).ConfigureAwait(false);
        }

        // Only the shown text goes back: the model's own wording (placeholders) stays behind the boundary.
        response.Messages = [new ChatMessage(ChatRole.Assistant, WithText(response.Messages.SelectMany(m => m.Contents), text))];
        response.AdditionalProperties = Report(response.AdditionalProperties, boundary, check);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var boundary = PiiBoundary.Redact(messages, _redactor, _allow);
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
        GuardianCheckResult? check = null;
        if (restored.ToString().Trim().Length > 0)
        {
            (_, check) = await boundary.CheckAsync(restored.ToString(), cancellationToken).ConfigureAwait(false);
        }

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, AdditionalProperties = Report(null, boundary, check) };
    }

    /// <summary>One whole segment on its way in: restored (kept for the final check), then checked; returns the text to show.</summary>
    private static async Task<string> ReleaseAsync(PiiBoundary boundary, string segment, StringBuilder restored, CancellationToken cancellationToken)
    {
        var text = boundary.Restore(segment);
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

    private static AdditionalPropertiesDictionary Report(AdditionalPropertiesDictionary? properties, PiiBoundary boundary, GuardianCheckResult? check)
    {
        var report = properties is null ? [] : new AdditionalPropertiesDictionary(properties);
        report[RedactedValuesKey] = boundary.RedactedValues;
        if (check is not null)
        {
            report[CheckKey] = check;
        }

        return report;
    }
}
