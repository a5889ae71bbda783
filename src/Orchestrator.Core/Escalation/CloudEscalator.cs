using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Diagnostics;
using Orchestrator.Escalation.Budget;
using Orchestrator.Guardian.Pii;
using Orchestrator.Models;
using Orchestrator.Specialists;

namespace Orchestrator.Escalation;

/// <summary>
/// Performs escalations: sends the redacted request to the target model, then to each fallback in
/// order, until one answers. Retries, breakers and timeouts inside one provider belong to that
/// model's chat client; here any exception from building or calling a client means "this provider
/// failed". Each call reserves its worst-case cost in the <see cref="BudgetLedger"/> first.
/// </summary>
public sealed partial class CloudEscalator
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private const int DefaultMaxOutputTokens = 1024;

    private readonly ModelRegistry _models;
    private readonly OrchestratorConfig _config;
    private readonly BudgetLedger? _budget;
    private readonly PiiRedactor _redactor = new();
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    public CloudEscalator(ModelRegistry models, BudgetLedger? budget = null, ILogger<CloudEscalator>? logger = null)
    {
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _config = models.Config;
        _budget = budget;
        _timeout = _config.Escalation.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : DefaultTimeout;
        _logger = logger ?? NullLogger<CloudEscalator>.Instance;
        Providers = _config.Escalation.Target is { } target ? [target, .. _config.Escalation.Fallbacks.Where(f => f != target)] : [];
    }

    /// <summary>The target, then the fallbacks, in the order they are tried.</summary>
    public IReadOnlyList<string> Providers { get; }

    public BudgetLedger? Budget => _budget;

    /// <summary>
    /// Builds every provider's client once, so a missing API key shows up at start-up as one clear
    /// warning per model instead of at the first escalation. Returns the warnings; nothing throws.
    /// </summary>
    public IReadOnlyList<string> CheckProviders()
    {
        var warnings = new List<string>();
        foreach (var model in Providers)
        {
            try
            {
                _models.GetChatClient(model);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var warning = $"escalation model '{model}' is unavailable ({ex.Message}); requests that need it will get a local answer or a notice";
                EscalationLog.ProviderUnavailableAtStart(_logger, model, ex.Message);
                warnings.Add(warning);
            }

            if (_budget is not null && Price(model) is null)
            {
                var warning = $"escalation model '{model}' has no price, so the budget counts its calls as free; set price: {{ input_per_mtok, output_per_mtok }} on it";
                EscalationLog.ProviderUnavailableAtStart(_logger, model, "no price configured");
                warnings.Add(warning);
            }
        }

        return warnings;
    }

    public async Task<CloudOutcome> AskAsync(CloudQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var privacy = CloudPrivacy.Prepare(query, _redactor, _config.Guardian.PiiAllow);
        var attempts = new List<CloudAttempt>();
        CloudFailure? failure = null;
        foreach (var model in Providers)
        {
            using var span = OrchestratorTelemetry.Source.StartActivity("orchestrator.escalation.call");
            span?.SetTag("orchestrator.escalation.model", model);
            var call = await BeginAsync(model, query.Tenant, privacy, attempts, cancellationToken).ConfigureAwait(false);
            if (call.Failure is { } f)
            {
                failure = Worse(failure, f);
                continue;
            }

            var settled = false;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_timeout);
                var response = await call.Client!.GetResponseAsync(privacy.Messages, call.Options, timeout.Token).ConfigureAwait(false);
                var text = ModelOutput.Clean(response.Text).Trim();
                if (text.Length == 0)
                {
                    failure = Worse(failure, Fail(attempts, model, "returned an empty answer", span));
                    continue;
                }

                var (prompt, completion) = Tokens(response.Usage, privacy.Chars, text.Length);
                var usd = CloudPricing.Usd(Price(model), prompt, completion);
                await SettleAsync(call.Reservation, usd).ConfigureAwait(false);
                settled = true;
                var (shown, check) = await privacy.InboundAsync(text, cancellationToken).ConfigureAwait(false);
                attempts.Add(new CloudAttempt(model, true, "answered"));
                span?.SetTag("orchestrator.escalation.ok", true);
                EscalationLog.Answered(_logger, model, privacy.RedactedValues);
                return new CloudOutcome { Answer = shown, Model = model, Attempts = attempts, PromptTokens = prompt, CompletionTokens = completion, Usd = usd, PiiCheck = check };
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                failure = Worse(failure, Fail(attempts, model, Describe(ex), span));
            }
            finally
            {
                if (!settled && call.Reservation is { } reservation)
                {
                    await _budget!.ReleaseAsync(reservation, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        return new CloudOutcome { Failure = failure ?? new CloudFailure(DegradedReasons.Unavailable, "no cloud model is configured"), Attempts = attempts };
    }

    /// <summary>A client, its options and a budget reservation for one provider, or why it cannot be called.</summary>
    private sealed record Call(IChatClient? Client, ChatOptions? Options, BudgetReservation? Reservation, CloudFailure? Failure);

    private async Task<Call> BeginAsync(string model, string? tenant, CloudPrivacy privacy, List<CloudAttempt> attempts, CancellationToken cancellationToken)
    {
        IChatClient client;
        try
        {
            client = _models.GetChatClient(model);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new Call(null, null, null, Fail(attempts, model, $"unavailable: {ex.Message}", Activity.Current));
        }

        var maxOutput = _config.Models.TryGetValue(model, out var config) && config.MaxOutputTokens is { } max ? max : DefaultMaxOutputTokens;
        var options = new ChatOptions { MaxOutputTokens = maxOutput };
        if (_budget is null)
        {
            return new Call(client, options, null, null);
        }

        // Worst case: a generous prompt estimate and the full output allowance, so spend cannot pass the limit.
        var estimate = CloudPricing.Usd(Price(model), CloudPricing.ReserveTokens(privacy.Chars), maxOutput);
        var decision = await _budget.ReserveAsync(tenant, estimate, cancellationToken).ConfigureAwait(false);
        if (decision.Reservation is null)
        {
            attempts.Add(new CloudAttempt(model, false, $"budget: {decision.RejectedBecause}"));
            EscalationLog.BudgetRefused(_logger, model, decision.RejectedBecause ?? "");
            return new Call(null, null, null, new CloudFailure(DegradedReasons.Budget, decision.RejectedBecause ?? "daily budget reached"));
        }

        return new Call(client, options, decision.Reservation, null);
    }

    private Task SettleAsync(BudgetReservation? reservation, double usd) =>
        reservation is null ? Task.CompletedTask : _budget!.SettleAsync(reservation, usd, CancellationToken.None);

    private CloudFailure Fail(List<CloudAttempt> attempts, string model, string detail, Activity? span)
    {
        attempts.Add(new CloudAttempt(model, false, detail));
        span?.SetTag("orchestrator.escalation.ok", false);
        EscalationLog.ProviderFailed(_logger, model, detail);
        return new CloudFailure(DegradedReasons.Unavailable, $"'{model}' {detail}");
    }

    /// <summary>A budget refusal is the more useful thing to report: retrying later will not help today.</summary>
    private static CloudFailure Worse(CloudFailure? current, CloudFailure next) =>
        current is { Reason: DegradedReasons.Budget } ? current : next;

    private PriceConfig? Price(string model) => _config.Models.TryGetValue(model, out var m) ? m.Price : null;

    private static (int Prompt, int Completion) Tokens(UsageDetails? usage, int promptChars, int completionChars) =>
        ((int?)usage?.InputTokenCount ?? CloudPricing.EstimateTokens(promptChars),
         (int?)usage?.OutputTokenCount ?? CloudPricing.EstimateTokens(completionChars));

    /// <summary>Exception type and message only; SDK messages name the status and error code, never the key.</summary>
    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "timed out",
        _ => $"failed: {ex.GetType().Name}: {FirstLine(ex.Message)}",
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200];
    }
}
