namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// What one call to a priced model cost: tokens as the provider reported them (estimated from the
/// characters sent and received when it reported none) and the USD settled in the budget.
/// </summary>
public sealed record BudgetCharge(int PromptTokens, int CompletionTokens, double Usd);
