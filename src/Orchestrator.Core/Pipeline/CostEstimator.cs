using Orchestrator.Configuration;
using Orchestrator.Specialists;

namespace Orchestrator.Pipeline;

/// <summary>
/// Cost of a request. Local answers cost nothing; <c>cloud_usd_avoided</c> is what the configured
/// cloud model would have charged for the same prompt (question plus the evidence it would need)
/// and a typical answer, from its configured prices. Tokens are estimated at four characters each
/// until a real tokenizer-backed cloud client reports them.
/// </summary>
public sealed class CostEstimator
{
    private const double CharsPerToken = 4.0;
    private readonly PriceConfig? _price;

    public CostEstimator(OrchestratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _price = config.Escalation.Target is { } target && config.Models.TryGetValue(target, out var model) ? model.Price : null;
    }

    public CostInfo Estimate(string question, SpecialistResult? result)
    {
        if (_price is null)
        {
            return new CostInfo();
        }

        var promptChars = question.Length + (result?.Evidence.Sum(p => p.Text.Length) ?? 0);
        var completionChars = Math.Max(result?.Answer.Length ?? 0, 200);
        var usd = (promptChars / CharsPerToken * _price.InputPerMtok + completionChars / CharsPerToken * _price.OutputPerMtok) / 1_000_000.0;
        return new CostInfo { CloudUsdAvoided = Math.Round(usd, 6) };
    }
}
