namespace Orchestrator.Tools;

/// <summary>Reads a short reply to a proposal as yes, no, or neither (a new request).</summary>
internal static class ConfirmationReply
{
    private static readonly HashSet<string> Yes = new(StringComparer.OrdinalIgnoreCase)
    {
        "yes", "y", "yes please", "yes do it", "yes go ahead", "confirm", "confirmed", "i confirm", "ok", "okay", "go ahead", "do it", "sure", "yep", "yeah", "please do",
    };

    private static readonly HashSet<string> No = new(StringComparer.OrdinalIgnoreCase)
    {
        "no", "n", "no thanks", "no thank you", "cancel", "don't", "do not", "stop", "nope", "never mind", "nevermind", "abort",
    };

    /// <summary>True for yes, false for no, null for anything else.</summary>
    public static bool? Parse(string text)
    {
        var normalized = string.Join(' ', (text ?? "").Trim().TrimEnd('.', '!').Replace(",", "", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return normalized.Length > 40 ? null : Yes.Contains(normalized) ? true : No.Contains(normalized) ? false : null;
    }
}
