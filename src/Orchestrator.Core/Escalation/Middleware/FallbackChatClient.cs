using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Diagnostics;
using Orchestrator.Models;

namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// Sends a call to the first provider, then to each next one in order, until one answers. Each
/// provider's client is built per call (so one whose key is missing fails only its own attempt) and
/// given its own timeout; any exception from building or calling it means "this provider failed",
/// except a cancellation by the caller, which ends the call. Expected failures are values: the
/// <see cref="FallbackReport"/> rides on the response's (or the last update's)
/// <see cref="ChatResponse.AdditionalProperties"/>, and a call no provider answered is a response
/// holding one <see cref="ErrorContent"/> whose <see cref="ErrorContent.ErrorCode"/> is a
/// <see cref="DegradedReasons"/> value. A stream is held back until its text holds a whole sentence
/// or line: a provider that fails before that is replaced without a trace; after it, the caller owns
/// the text, so a failure ends the stream with a <see cref="DegradedReasons.StreamBroken"/> error.
/// </summary>
public sealed class FallbackChatClient : IChatClient
{
    /// <summary>A <see cref="FallbackReport"/>.</summary>
    public const string ReportKey = "orchestrator.fallback";

    private readonly IReadOnlyList<string> _providers;
    private readonly Func<string, IChatClient> _clientFor;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="providers">The names of the providers, in the order they are tried.</param>
    /// <param name="clientFor">Builds (or looks up) a provider's client by name; may throw when it is unavailable.</param>
    /// <param name="timeout">How long one provider may take, stream included.</param>
    public FallbackChatClient(IReadOnlyList<string> providers, Func<string, IChatClient> clientFor, TimeSpan timeout, TimeProvider? time = null, ILogger? logger = null)
    {
        _providers = providers ?? throw new ArgumentNullException(nameof(providers));
        _clientFor = clientFor ?? throw new ArgumentNullException(nameof(clientFor));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public IReadOnlyList<string> Providers => _providers;

    /// <summary>The report <see cref="FallbackChatClient"/> left on a response or update, if any.</summary>
    public static FallbackReport? ReportOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(ReportKey, out FallbackReport? report) ? report : null;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var run = new Run(this, cancellationToken);
        foreach (var attempt in run.Attempts("orchestrator.escalation.call"))
        {
            try
            {
                var response = await attempt.Client.GetResponseAsync(list, options, attempt.Token).ConfigureAwait(false);
                var charge = run.Charged(response.AdditionalProperties);
                if (IsEmpty(response.Text))
                {
                    run.Fail(attempt, "returned an empty answer");
                    continue;
                }

                response.AdditionalProperties = run.Answered(attempt, "answered", charge, response.Usage, response.AdditionalProperties);
                return response;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                run.Fail(attempt, ex);
            }
        }

        var failed = run.Failed();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, failed.Contents)) { AdditionalProperties = failed.AdditionalProperties };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var run = new Run(this, cancellationToken);
        foreach (var attempt in run.Attempts("orchestrator.escalation.stream"))
        {
            var held = new List<ChatResponseUpdate>();
            var text = new StringBuilder();
            var committed = false;
            var finished = false;
            UsageDetails? usage = null;
            BudgetCharge? charge = null;
            Exception? error = null;
            var updates = attempt.Client.GetStreamingResponseAsync(list, options, attempt.Token).GetAsyncEnumerator(attempt.Token);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
                    {
                        error = ex;
                        break;
                    }

                    var update = updates.Current;
                    charge = BudgetChatClient.ChargeOf(update.AdditionalProperties) ?? charge;
                    usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                    finished |= update.FinishReason is not null;
                    if (committed)
                    {
                        yield return update;
                        continue;
                    }

                    held.Add(update);
                    text.Append(update.Text);
                    if (SentenceSegmenter.LastBoundary(text.ToString()) > 0 && !IsEmpty(text.ToString()))
                    {
                        committed = true;
                        foreach (var h in held)
                        {
                            yield return h;
                        }

                        held.Clear();
                    }
                }
            }
            finally
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }

            run.Charged(charge);
            if (error is null && !finished)
            {
                // A connection that just stops is a broken answer, not a short one.
                error = new UnfinishedStreamException();
            }

            if (error is null && (committed || !IsEmpty(text.ToString())))
            {
                foreach (var h in held)
                {
                    yield return h;
                }

                yield return new ChatResponseUpdate { Role = ChatRole.Assistant, AdditionalProperties = run.Answered(attempt, "answered (streamed)", charge, usage, null) };
                yield break;
            }

            if (committed)
            {
                yield return run.Broken(attempt, error!, charge, usage);
                yield break;
            }

            if (error is null)
            {
                run.Fail(attempt, "returned an empty answer");
            }
            else
            {
                run.Fail(attempt, error);
            }
        }

        yield return run.Failed();
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The providers' clients belong to whoever built them (e.g. the model registry).</summary>
    public void Dispose()
    {
    }

    private static bool IsEmpty(string text) => ModelOutput.Clean(text).Trim().Length == 0;

    /// <summary>What end users may read (attempts, notices): the HTTP status at most, never exception types or messages.</summary>
    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "timed out",
        UnfinishedStreamException => ex.Message,
        System.ClientModel.ClientResultException { Status: > 0 } http => $"failed: HTTP {http.Status}",
        HttpRequestException => "failed: could not be reached",
        _ => "failed",
    };

    /// <summary>For the log: exception type and message; SDK messages name the status and error code, never the key.</summary>
    private static string LogDetail(Exception ex) => ex is OperationCanceledException or UnfinishedStreamException
        ? Describe(ex)
        : $"failed: {ex.GetType().Name}: {FirstLine(ex.Message)}";

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200];
    }

    /// <summary>A stream that ended without a finish reason: a cut connection, not a short answer.</summary>
    private sealed class UnfinishedStreamException() : IOException("the stream ended without a finish reason");

    /// <summary>One provider's turn: its client, its timeout and its span.</summary>
    private sealed class Attempt(string model, IChatClient client, CancellationTokenSource timer, CancellationTokenSource linked, Activity? span) : IDisposable
    {
        public string Model => model;

        public IChatClient Client => client;

        public CancellationToken Token => linked.Token;

        public Activity? Span => span;

        public void Dispose()
        {
            linked.Dispose();
            timer.Dispose();
            span?.Dispose();
        }
    }

    /// <summary>The bookkeeping of one call, the same for whole and streamed responses: attempts, the worst failure, the spend.</summary>
    private sealed class Run(FallbackChatClient owner, CancellationToken cancellationToken)
    {
        private readonly List<CloudAttempt> _attempts = [];
        private CloudFailure? _failure;
        private double _usd;

        /// <summary>
        /// Each provider's turn, in order, disposed when the next is asked for or the call ends; a
        /// provider whose client cannot be built is recorded as a failed attempt and skipped.
        /// </summary>
        public IEnumerable<Attempt> Attempts(string spanName)
        {
            foreach (var model in owner._providers)
            {
                using var attempt = Begin(model, spanName);
                if (attempt is not null)
                {
                    yield return attempt;
                }
            }
        }

        private Attempt? Begin(string model, string spanName)
        {
            var span = OrchestratorTelemetry.Source.StartActivity(spanName);
            span?.SetTag("orchestrator.escalation.model", model);
            IChatClient client;
            try
            {
                client = owner._clientFor(model);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Fail(model, $"unavailable: {ModelCallFailure.Describe(model, ex)}", span, $"unavailable: {ex.Message}");
                span?.Dispose();
                return null;
            }

            var timer = new CancellationTokenSource(owner._timeout, owner._time);
            return new Attempt(model, client, timer, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token), span);
        }

        public BudgetCharge? Charged(AdditionalPropertiesDictionary? properties) => Charged(BudgetChatClient.ChargeOf(properties));

        public BudgetCharge? Charged(BudgetCharge? charge)
        {
            _usd += charge?.Usd ?? 0;
            return charge;
        }

        public void Fail(Attempt attempt, Exception ex)
        {
            if (ex is BudgetExceededException refused)
            {
                _attempts.Add(new CloudAttempt(attempt.Model, false, $"budget: {refused.Reason}"));
                EscalationLog.BudgetRefused(owner._logger, attempt.Model, refused.Reason);

                // A budget refusal is the more useful thing to report: retrying later will not help today.
                _failure = new CloudFailure(DegradedReasons.Budget, refused.Reason);
                return;
            }

            Fail(attempt.Model, Describe(ex), attempt.Span, LogDetail(ex));
        }

        public void Fail(Attempt attempt, string detail) => Fail(attempt.Model, detail, attempt.Span);

        public AdditionalPropertiesDictionary Answered(Attempt attempt, string detail, BudgetCharge? charge, UsageDetails? usage, AdditionalPropertiesDictionary? properties)
        {
            _attempts.Add(new CloudAttempt(attempt.Model, true, detail));
            attempt.Span?.SetTag("orchestrator.escalation.ok", true);
            return With(properties, Report(attempt.Model, null, charge, usage));
        }

        public ChatResponseUpdate Broken(Attempt attempt, Exception error, BudgetCharge? charge, UsageDetails? usage)
        {
            var detail = Describe(error);
            _attempts.Add(new CloudAttempt(attempt.Model, false, $"stream broke after text was sent: {detail}"));
            EscalationLog.StreamBroke(owner._logger, attempt.Model, LogDetail(error));
            var failure = new CloudFailure(DegradedReasons.StreamBroken, $"the answer from '{attempt.Model}' was cut off ({detail})");
            return Update(failure, Report(attempt.Model, failure, charge, usage));
        }

        /// <summary>No provider answered: the last update (or the only message) of the call.</summary>
        public ChatResponseUpdate Failed()
        {
            var failure = _failure ?? new CloudFailure(DegradedReasons.Unavailable, "no cloud model is configured");
            return Update(failure, Report(null, failure, null, null));
        }

        /// <param name="logDetail">The operator's version of <paramref name="detail"/> (exception types, variable names); only the log gets it.</param>
        private void Fail(string model, string detail, Activity? span, string? logDetail = null)
        {
            _attempts.Add(new CloudAttempt(model, false, detail));
            span?.SetTag("orchestrator.escalation.ok", false);
            EscalationLog.ProviderFailed(owner._logger, model, logDetail ?? detail);
            if (_failure is not { Reason: DegradedReasons.Budget })
            {
                _failure = new CloudFailure(DegradedReasons.Unavailable, $"'{model}' {detail}");
            }
        }

        private FallbackReport Report(string? model, CloudFailure? failure, BudgetCharge? charge, UsageDetails? usage) => new()
        {
            Model = model,
            Attempts = [.. _attempts],
            Failure = failure,
            PromptTokens = charge?.PromptTokens ?? (int?)usage?.InputTokenCount ?? 0,
            CompletionTokens = charge?.CompletionTokens ?? (int?)usage?.OutputTokenCount ?? 0,
            Usd = _usd,
        };

        private static ChatResponseUpdate Update(CloudFailure failure, FallbackReport report) =>
            new(ChatRole.Assistant, [new ErrorContent(failure.Detail) { ErrorCode = failure.Reason }]) { AdditionalProperties = With(null, report) };

        private static AdditionalPropertiesDictionary With(AdditionalPropertiesDictionary? properties, FallbackReport report)
        {
            var result = properties is null ? [] : new AdditionalPropertiesDictionary(properties);
            result[ReportKey] = report;
            return result;
        }
    }
}
