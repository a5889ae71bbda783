using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Orchestrator.Diagnostics;
using Orchestrator.Specialists;
using Orchestrator.Models;

namespace Orchestrator.Escalation;

public sealed partial class CloudEscalator
{
    /// <summary>
    /// Streams the cloud answer. A provider that fails before any text was yielded is replaced by
    /// the next one; once text has reached the caller, a failure ends the stream with an outcome
    /// whose <see cref="CloudOutcome.Failure"/> is <see cref="DegradedReasons.StreamBroken"/>, so
    /// text is never repeated. Deltas are released at sentence and line ends: the placeholders and
    /// the PII check need whole values, never half an e-mail address.
    /// </summary>
    public async IAsyncEnumerable<CloudStreamItem> StreamAsync(CloudQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var privacy = CloudPrivacy.Prepare(query, _redactor, _config.Guardian.PiiAllow);
        var attempts = new List<CloudAttempt>();
        CloudFailure? failure = null;
        foreach (var model in Providers)
        {
            using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.escalation.stream");
            span?.SetTag("orchestrator.escalation.model", model);
            var call = await BeginAsync(model, query.Tenant, privacy, attempts, cancellationToken).ConfigureAwait(false);
            if (call.Failure is { } f)
            {
                failure = Worse(failure, f);
                continue;
            }

            var segments = new SentenceSegmenter();
            var shown = new StringBuilder();
            var raw = 0;
            UsageDetails? usage = null;
            var finished = false;
            string? error = null;
            var settled = false;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            var updates = call.Client!.GetStreamingResponseAsync(privacy.Messages, call.Options, timeout.Token).GetAsyncEnumerator(timeout.Token);
            try
            {
                while (true)
                {
                    ChatResponseUpdate update;
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        update = updates.Current;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
                    {
                        error = Describe(ex);
                        break;
                    }

                    usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                    finished |= update.FinishReason is not null;
                    var piece = ModelOutput.Clean(update.Text, Math.Max(0, ModelOutput.DefaultMaxChars - raw));
                    raw += piece.Length;
                    foreach (var segment in segments.Push(piece))
                    {
                        var (text, _) = await privacy.InboundAsync(segment, cancellationToken).ConfigureAwait(false);
                        shown.Append(text);
                        yield return new CloudStreamItem(text, null);
                    }
                }

                // A connection that just stops is a broken answer, not a short one.
                error ??= finished ? null : "the stream ended without a finish reason";
                if (error is null)
                {
                    var (rest, _) = await privacy.InboundAsync(segments.Flush(), cancellationToken).ConfigureAwait(false);
                    if (rest.Length > 0)
                    {
                        shown.Append(rest);
                        yield return new CloudStreamItem(rest, null);
                    }
                }

                var (prompt, completion) = Tokens(usage, privacy.Chars, Math.Max(raw, 1));
                var usd = CloudPricing.Usd(Price(model), prompt, completion);
                if (shown.Length > 0)
                {
                    // Text was delivered (and billed) whether or not the stream finished.
                    await SettleAsync(call.Reservation, usd).ConfigureAwait(false);
                    settled = true;
                }

                if (error is null && shown.ToString().Trim().Length > 0)
                {
                    attempts.Add(new CloudAttempt(model, true, "answered (streamed)"));
                    var (_, check) = await privacy.InboundAsync(shown.ToString(), cancellationToken).ConfigureAwait(false);
                    yield return new CloudStreamItem(null, new CloudOutcome { Answer = shown.ToString(), Model = model, Attempts = attempts, PromptTokens = prompt, CompletionTokens = completion, Usd = usd, PiiCheck = check });
                    yield break;
                }

                if (shown.Length > 0)
                {
                    attempts.Add(new CloudAttempt(model, false, $"stream broke after text was sent: {error}"));
                    EscalationLog.StreamBroke(_logger, model, error ?? "");
                    var broken = new CloudFailure(DegradedReasons.StreamBroken, $"the answer from '{model}' was cut off ({error})");
                    yield return new CloudStreamItem(null, new CloudOutcome { Answer = null, Model = model, Failure = broken, Attempts = attempts, PromptTokens = prompt, CompletionTokens = completion, Usd = usd });
                    yield break;
                }

                failure = Worse(failure, Fail(attempts, model, error ?? "returned an empty answer", span));
            }
            finally
            {
                await updates.DisposeAsync().ConfigureAwait(false);
                if (!settled && call.Reservation is { } reservation)
                {
                    await _budget!.ReleaseAsync(reservation, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        yield return new CloudStreamItem(null, new CloudOutcome { Failure = failure ?? new CloudFailure(DegradedReasons.Unavailable, "no cloud model is configured"), Attempts = attempts });
    }
}

/// <summary>Buffers streamed text and releases it in whole sentences or lines.</summary>
internal sealed class SentenceSegmenter
{
    private readonly StringBuilder _buffer = new();

    public IEnumerable<string> Push(string text)
    {
        _buffer.Append(text);
        var value = _buffer.ToString();
        var end = LastBoundary(value);
        if (end <= 0)
        {
            return [];
        }

        _buffer.Remove(0, end);
        return [value[..end]];
    }

    public string Flush()
    {
        var rest = _buffer.ToString();
        _buffer.Clear();
        return rest;
    }

    /// <summary>Index just after the last ". ", "! ", "? " or newline; 0 when there is none.</summary>
    private static int LastBoundary(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] == '\n' || (text[i] == ' ' && i > 0 && text[i - 1] is '.' or '!' or '?'))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
