using Orchestrator;

namespace AspNetHostSample;

/// <summary>
/// A guardian check of the app's own: an answer must not leak internal warehouse codes ("WH-").
/// Agents opt in with <c>guardian: [ no-internal-codes ]</c>.
/// </summary>
public sealed class NoInternalCodesCheck : IGuardianCheck
{
    public string Name => "no-internal-codes";

    public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var leaks = context.Answer.Contains("WH-", StringComparison.Ordinal);
        return Task.FromResult(new GuardianCheckResult(Name, !leaks, leaks ? 0 : 1, leaks ? "the answer names an internal warehouse code" : "no internal codes"));
    }
}
