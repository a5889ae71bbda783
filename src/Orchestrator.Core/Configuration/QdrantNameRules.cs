using System.Text.RegularExpressions;

namespace Orchestrator.Configuration;

/// <summary>
/// The characters Qdrant accepts in collection names. Configuration checks the prefix with it at load
/// time; the Qdrant store checks each full collection name with it before any call.
/// </summary>
public static partial class QdrantNameRules
{
    public const int MaxPrefixLength = 64;

    public static bool IsValidPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return prefix.Length <= MaxPrefixLength && IsSafe(prefix);
    }

    /// <summary>Letters, digits, '_', '-' and '.' only (the empty string is safe).</summary>
    public static bool IsSafe(string name) => SafeName().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]*$")]
    private static partial Regex SafeName();
}
