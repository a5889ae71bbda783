using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Guardian.ModelRisk;

namespace Orchestrator.Guardian;

/// <summary>
/// A guardian check judged by a generative model (<c>guardian: { model: ... }</c> in orchestrator.yaml):
/// the model answers Yes (risky) or No for one risk. Score is 1 for No and 0 for Yes.
/// Fails closed: a reply without Yes/No, a failing model or a timeout fails the check (score 0), so an
/// answer an agent asked to have judged is never shown unjudged; the pipeline then escalates.
/// </summary>
public sealed class ModelRiskCheck : IGuardianCheck
{
    public const string HarmName = "model-harm";
    public const string GroundednessName = "model-groundedness";
    public const string RelevanceName = "model-relevance";

    public static IReadOnlyList<string> CheckNames { get; } = [HarmName, GroundednessName, RelevanceName];

    private readonly IChatClient _client;
    private readonly ModelRiskKind _risk;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ModelRiskCheck(IChatClient client, ModelRiskKind risk, TimeSpan? timeout = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _risk = risk;
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Name = risk switch
        {
            ModelRiskKind.Harm => HarmName,
            ModelRiskKind.Groundedness => GroundednessName,
            ModelRiskKind.Relevance => RelevanceName,
            _ => throw new ArgumentOutOfRangeException(nameof(risk), risk, null),
        };
    }

    public string Name { get; }

    /// <summary>The three model checks over one client.</summary>
    public static IReadOnlyList<ModelRiskCheck> CreateAll(IChatClient client, TimeProvider? timeProvider = null, ILogger? logger = null) =>
        [.. Enum.GetValues<ModelRiskKind>().Select(r => new ModelRiskCheck(client, r, timeProvider: timeProvider, logger: logger))];

    public async Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? reply;
        using (var timeout = new CancellationTokenSource(_timeout, _timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 8 };
                var response = await _client.GetResponseAsync(ModelRiskPrompt.Build(_risk, context), options, linked.Token).ConfigureAwait(false);
                reply = response.Text;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return FailClosed("the guardian model timed out");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The check's detail reaches end users: the exception goes to the log only.
                return FailClosed("the guardian model failed", $"the guardian model failed ({ex.GetType().Name}: {ex.Message})");
            }
        }

        return ModelRiskPrompt.ParseVerdict(reply) switch
        {
            true => new GuardianCheckResult(Name, false, 0, $"the guardian model judged the answer risky ({_risk.ToString().ToLowerInvariant()})"),
            false => new GuardianCheckResult(Name, true, 1, "the guardian model judged the answer not risky"),
            null => FailClosed("the guardian model's reply held neither Yes nor No"),
        };
    }

    private GuardianCheckResult FailClosed(string reason, string? logReason = null)
    {
        ModelRiskLog.FailedClosed(_logger, Name, logReason ?? reason);
        return new GuardianCheckResult(Name, false, 0, reason + "; failing closed");
    }
}
