using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Configuration;
using Orchestrator.Escalation.Budget;
using Orchestrator.Escalation.Middleware;
using Orchestrator.Guardian.Links;
using Orchestrator.Models;

namespace Orchestrator.Escalation;

/// <summary>
/// Performs escalations through one chat client pipeline, built once:
/// <code>
/// PiiBoundaryChatClient                  redacts every message once, restores the answer
///   └ FallbackChatClient                 target, then fallbacks; a timeout per provider
///       └ per provider, built per call:  ConfigureOptions (its max_output_tokens)
///                                          └ BudgetChatClient (reserve, settle or release; its prices)
///                                              └ the model registry's client (retries, breakers)
/// </code>
/// The PII boundary is outermost, so no provider, fallback or retry ever sees a value in clear; the
/// budget is innermost of the escalation layers, so every call to a priced model reserves and settles
/// on its own at that model's prices. Ask and stream go through the same layers (each implements both)
/// and end in the same <see cref="Outcome"/>, read from the reports the layers leave on the response.
/// </summary>
public sealed class CloudEscalator
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly ModelRegistry _models;
    private readonly OrchestratorConfig _config;
    private readonly IBudgetStore? _budget;
    private readonly ILogger _logger;
    private readonly IChatClient _pipeline;

    public CloudEscalator(ModelRegistry models, IBudgetStore? budget = null, ILogger<CloudEscalator>? logger = null, TimeProvider? time = null)
    {
        _models = models ?? throw new ArgumentNullException(nameof(models));
        _config = models.Config;
        _budget = budget;
        _logger = logger ?? NullLogger<CloudEscalator>.Instance;
        Providers = _config.Escalation.Target is { } target ? [target, .. _config.Escalation.Fallbacks.Where(f => f != target)] : [];
        var timeout = _config.Escalation.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : DefaultTimeout;
        _pipeline = new FallbackChatClient(Providers, ProviderClient, timeout, time, _logger)
            .AsBuilder()
            .Use(inner => new PiiBoundaryChatClient(inner, _config.Guardian.PiiAllow, redactor: null, new LinkAllowList(_config.Guardian.LinkAllow)))
            .Build();
    }

    /// <summary>The target, then the fallbacks, in the order they are tried.</summary>
    public IReadOnlyList<string> Providers { get; }

    public IBudgetStore? Budget => _budget;

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

            if (_budget is not null && Price(model) is { } price)
            {
                foreach (var warning in BudgetStartupCheck.Warnings(_budget.Limits, model, price, MaxOutput(model)))
                {
                    BudgetLog.StartupWarning(_logger, warning);
                    warnings.Add(warning);
                }
            }
            else if (_budget is not null)
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
        var response = await _pipeline.GetResponseAsync(CloudPrompt.Build(query), Options(query), cancellationToken).ConfigureAwait(false);
        return Outcome(response);
    }

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
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _pipeline.GetStreamingResponseAsync(CloudPrompt.Build(query), Options(query), cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            if (update.Text.Length > 0)
            {
                yield return new CloudStreamItem(update.Text, null);
            }
        }

        yield return new CloudStreamItem(null, Outcome(updates.ToChatResponse()));
    }

    private static ChatOptions Options(CloudQuery query) => new()
    {
        AdditionalProperties = new()
        {
            [BudgetChatClient.TenantKey] = query.Tenant,
            [PiiBoundaryChatClient.LinkEvidenceKey] = query.Evidence,
        },
    };

    /// <summary>One provider's client for one call: its output allowance and its prices, in the budget.</summary>
    private IChatClient ProviderClient(string model)
    {
        var maxOutput = MaxOutput(model);
        return _models.GetChatClient(model)
            .AsBuilder()
            .ConfigureOptions(options => options.MaxOutputTokens = maxOutput)
            .UseBudget(_budget, Price(model), _config.Models.TryGetValue(model, out var config) ? config.Model : null)
            .Build();
    }

    private int MaxOutput(string model) =>
        _config.Models.TryGetValue(model, out var config) && config.MaxOutputTokens is { } max ? max : BudgetChatClient.DefaultMaxOutputTokens;

    /// <summary>The outcome of a whole or collected streamed response, from the reports its layers left on it.</summary>
    private CloudOutcome Outcome(ChatResponse response)
    {
        var report = FallbackChatClient.ReportOf(response.AdditionalProperties)
            ?? new FallbackReport { Failure = new CloudFailure(DegradedReasons.Unavailable, "the escalation pipeline gave no report") };
        var outcome = new CloudOutcome
        {
            Model = report.Model,
            Failure = report.Failure,
            Attempts = report.Attempts,
            PromptTokens = report.PromptTokens,
            CompletionTokens = report.CompletionTokens,
            Usd = report.Usd,
        };
        if (report.Failure is not null || report.Model is null)
        {
            return outcome;
        }

        var redacted = PiiBoundaryChatClient.RedactedValuesOf(response.AdditionalProperties);
        EscalationLog.Answered(_logger, report.Model, redacted);
        return outcome with
        {
            Answer = response.Text,
            PiiCheck = PiiBoundaryChatClient.CheckOf(response.AdditionalProperties),
            LinkCheck = PiiBoundaryChatClient.LinkCheckOf(response.AdditionalProperties),
        };
    }

    private PriceConfig? Price(string model) => _config.Models.TryGetValue(model, out var m) ? m.Price : null;
}
