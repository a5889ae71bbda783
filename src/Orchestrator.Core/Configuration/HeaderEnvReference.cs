using System.Text.RegularExpressions;

namespace Orchestrator.Configuration;

/// <summary>
/// <c>${NAME}</c> references in header values, so tokens stay in the environment rather than in
/// configuration files. Expansion happens when a client is built, never at parse time, so a
/// validated config never holds a secret.
/// </summary>
public static partial class HeaderEnvReference
{
    /// <summary>The first <c>${...}</c> whose content is not a variable name, or null.</summary>
    public static string? FindUnknownName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AnyReference().Matches(value).Select(m => m.Groups[1].Value).FirstOrDefault(n => !ValidName().IsMatch(n));
    }

    /// <summary>
    /// Replaces each <c>${NAME}</c> with the variable's value. A missing variable is returned in
    /// <paramref name="missing"/> (the result is then null), so the caller raises its own error naming it.
    /// </summary>
    public static string? TryExpand(string value, Func<string, string?> lookup, out string? missing)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(lookup);
        string? firstMissing = null;
        var expanded = AnyReference().Replace(value, m =>
        {
            var name = m.Groups[1].Value;
            if (lookup(name) is { Length: > 0 } found)
            {
                return found;
            }

            firstMissing ??= name;
            return "";
        });
        missing = firstMissing;
        return missing is null ? expanded : null;
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex AnyReference();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ValidName();
}
