namespace Orchestrator.Tests.Hosting;

/// <summary>A host's own guardian check: answers must not promise refunds outside the returns agent.</summary>
public sealed class NoRefundPromisesCheck : IGuardianCheck
{
    public const string CheckName = "no-refund-promises";

    public string Name => CheckName;

    public int Runs { get; private set; }

    public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        Runs++;
        var promises = context.Answer.Contains("refund", StringComparison.OrdinalIgnoreCase);
        return Task.FromResult(new GuardianCheckResult(CheckName, !promises, promises ? 0 : 1, promises ? "the answer mentions a refund" : "no refund promised"));
    }
}
