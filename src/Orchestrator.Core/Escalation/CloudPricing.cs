using Orchestrator.Configuration;

namespace Orchestrator.Escalation;

/// <summary>Token estimates and USD from a model's configured prices (per million tokens).</summary>
public static class CloudPricing
{
    /// <summary>A common rule of thumb for English text when the model reports no usage.</summary>
    public const double CharsPerToken = 4.0;

    public static int EstimateTokens(int chars) => (int)Math.Ceiling(chars / CharsPerToken);

    /// <summary>The prompt allowance a reservation holds: a third more than the estimate, as tokenizers vary.</summary>
    public static int ReserveTokens(int chars) => (int)Math.Ceiling(chars / 3.0);

    public static double Usd(PriceConfig? price, int promptTokens, int completionTokens) =>
        price is null ? 0 : ((promptTokens * price.InputPerMtok) + (completionTokens * price.OutputPerMtok)) / 1_000_000.0;
}
