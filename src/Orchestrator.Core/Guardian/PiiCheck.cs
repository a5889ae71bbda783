using Orchestrator.Guardian.Pii;

namespace Orchestrator.Guardian;

public enum PiiCheckMode
{
    /// <summary>PII is replaced by placeholders (&lt;EMAIL_1&gt;) and the check passes with score 1.</summary>
    Redact,

    /// <summary>Any PII fails the check, so the answer is withheld and the pipeline escalates.</summary>
    Block,
}

/// <summary>
/// Looks for personal data (see <see cref="PiiDetector"/>) in the answer. Clean answers pass with
/// score 1 and no rewrite. With PII, <see cref="PiiCheckMode.Redact"/> (the default) passes and
/// offers the redacted answer as <see cref="GuardianCheckResult.RewrittenAnswer"/>, detail e.g.
/// "redacted 1 email, 1 credit_card"; <see cref="PiiCheckMode.Block"/> fails with score 0 and detail
/// "found 1 email, ..." (still offering the redacted text, which the guardian does not show for a failure).
/// </summary>
public sealed class PiiCheck : IGuardianCheck
{
    public const string CheckName = "pii";

    private readonly PiiRedactor _redactor;
    private readonly PiiCheckMode _mode;

    public PiiCheck(PiiCheckMode mode = PiiCheckMode.Redact, PiiRedactor? redactor = null)
    {
        _mode = mode;
        _redactor = redactor ?? new PiiRedactor();
    }

    public string Name => CheckName;

    public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var redaction = _redactor.Redact(context.Answer);
        if (!redaction.HasPii)
        {
            return Task.FromResult(new GuardianCheckResult(CheckName, true, 1.0, "no PII found"));
        }

        var counts = string.Join(", ", redaction.CountsByType().Select(kv => $"{kv.Value} {kv.Key.ToSnakeName()}"));
        var blocked = _mode == PiiCheckMode.Block;
        var result = new GuardianCheckResult(CheckName, !blocked, blocked ? 0.0 : 1.0, (blocked ? "found " : "redacted ") + counts)
        {
            RewrittenAnswer = redaction.Text,
        };
        return Task.FromResult(result);
    }
}
