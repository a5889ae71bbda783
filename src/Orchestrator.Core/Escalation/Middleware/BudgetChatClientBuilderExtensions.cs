using Orchestrator.Configuration;
using Orchestrator.Escalation.Budget;
using Orchestrator.Escalation.Middleware;

namespace Microsoft.Extensions.AI;

/// <summary>Adds <see cref="BudgetChatClient"/> to a chat client pipeline.</summary>
public static class BudgetChatClientBuilderExtensions
{
    /// <summary>
    /// Prices every call of one model and reserves, settles or releases its cost in
    /// <paramref name="ledger"/>. Add it to each priced model's own pipeline (inside any fallback
    /// between models), after the options that set <see cref="ChatOptions.MaxOutputTokens"/>, so each
    /// call reserves its own worst case at its own prices.
    /// </summary>
    /// <param name="builder">The model's pipeline.</param>
    /// <param name="ledger">The budget; null prices calls without limiting them.</param>
    /// <param name="price">The model's prices; null counts its calls as free.</param>
    /// <param name="model">The provider's model id, which picks the tokenizer that counts the prompt.</param>
    public static ChatClientBuilder UseBudget(this ChatClientBuilder builder, IBudgetStore? ledger, PriceConfig? price, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new BudgetChatClient(inner, ledger, price, model));
    }
}
