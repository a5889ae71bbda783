using System.Text.RegularExpressions;

namespace Orchestrator.Tests.Hosting;

/// <summary>Redacts internal project code names; can be told to throw or to return null, as a buggy check would.</summary>
internal sealed partial class CodeNameCheck : IGuardianCheck
{
    public const string CheckName = "code-names";

    public bool Throw { get; init; }

    public bool ReturnNull { get; init; }

    /// <summary>Passes with the redacted answer (as the built-in <c>pii</c> check does) instead of failing with it.</summary>
    public bool PassWithRewrite { get; init; }

    /// <summary>Fails on a code name without offering a rewrite (a check that can only judge).</summary>
    public bool FailWithoutRewrite { get; init; }

    public string Name => CheckName;

    public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Throw)
        {
            throw new InvalidOperationException("the code-name service is down (backend-secret)");
        }

        if (ReturnNull)
        {
            return Task.FromResult<GuardianCheckResult>(null!);
        }

        var redacted = CodeNames().Replace(context.Answer, "[code name]");
        return Task.FromResult(redacted == context.Answer
            ? new GuardianCheckResult(CheckName, true, 1, "no code names")
            : new GuardianCheckResult(CheckName, PassWithRewrite, PassWithRewrite ? 1 : 0, "the answer names a code name") { RewrittenAnswer = FailWithoutRewrite ? null : redacted });
    }

    [GeneratedRegex(@"\bBLUEBIRD\b")]
    private static partial Regex CodeNames();
}
