using System.Globalization;
using Orchestrator.Configuration;
using Orchestrator.Escalation.Middleware;

namespace Orchestrator.Escalation.Budget;

/// <summary>
/// A limit smaller than what one call reserves refuses every call to that model; that is a
/// configuration mistake worth a start-up warning, not a surprise at the first escalation.
/// </summary>
internal static class BudgetStartupCheck
{
    /// <summary>The warnings for one priced provider under <paramref name="limits"/>; empty when every limit admits at least one call.</summary>
    public static IReadOnlyList<string> Warnings(BudgetLimits limits, string model, PriceConfig price, int maxOutputTokens)
    {
        // The smallest possible prompt: a system and a user message with no text.
        var smallestPrompt = PromptTokenCounter.ReplyPrimingTokens + (2 * PromptTokenCounter.TokensPerMessage);
        var oneCall = BudgetChatClient.ReservationUsd(price, smallestPrompt, maxOutputTokens);
        var warnings = new List<string>();
        foreach (var (key, limit) in new[] { ("tenant_usd_per_day", limits.TenantUsdPerDay), ("usd_per_day", limits.UsdPerDay) })
        {
            if (limit is { } usd && usd < oneCall)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"escalation.budget.{key} is {usd:0.######} USD, less than one call to '{model}' reserves ({oneCall:0.######} USD: max_output_tokens {maxOutputTokens} at {price.OutputPerMtok} USD per million output tokens, plus the prompt), so every escalation to it will be refused; raise the budget or lower the model's max_output_tokens"));
            }
        }

        return warnings;
    }
}
