using System.Text.RegularExpressions;
using Orchestrator.Tools.Deterministic;

namespace Orchestrator.Tools;

/// <summary>
/// A tool schema's <c>pattern</c>, compiled once: on the linear-time <see cref="RegexOptions.NonBacktracking"/>
/// engine, which needs no timeout, or, for a pattern that engine refuses (lookarounds, backreferences, atomic
/// groups, conditionals), on the backtracking engine with <see cref="ToolSchemaValidator.BacktrackingPatternTimeout"/>.
/// </summary>
internal static class SchemaPatterns
{
    /// <summary>The compiled pattern; throws <see cref="ArgumentException"/> for a pattern that does not parse.</summary>
    public static Regex Get(string pattern)
    {
        try
        {
            return ValuePatternCache.Get(pattern, RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            return ValuePatternCache.Get(pattern, RegexOptions.None, ToolSchemaValidator.BacktrackingPatternTimeout);
        }
    }
}
