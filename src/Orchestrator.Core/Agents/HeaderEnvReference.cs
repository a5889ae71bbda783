using System.Text.RegularExpressions;
using Orchestrator.Models;

namespace Orchestrator.Agents;

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

    /// <summary>Replaces each <c>${NAME}</c> with the variable's value; a missing variable is an error naming it.</summary>
    public static string Expand(string value, string headerName, Func<string, string?> lookup, string kind = "header")
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(lookup);
        return AnyReference().Replace(value, m =>
        {
            var name = m.Groups[1].Value;
            return lookup(name) is { Length: > 0 } found
                ? found
                : throw new ModelUnavailableException($"{kind} '{headerName}' needs the environment variable {name}, which is not set", isUnconfigured: true);
        });
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex AnyReference();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ValidName();
}
