using Orchestrator;

/// <summary>The consumer's own guardian check (CONTRACTS.md: AddGuardianCheck&lt;T&gt;()), listed by the orders agent.</summary>
public sealed class ShippingNoticeCheck : IGuardianCheck
{
    public const string CheckName = "shipping-notice";

    public string Name => CheckName;

    public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(new GuardianCheckResult(CheckName, true, 1, "no shipping promise beyond the tool's result"));
    }
}
