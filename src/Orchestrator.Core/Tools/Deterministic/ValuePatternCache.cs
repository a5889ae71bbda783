using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Orchestrator.Tools.Deterministic;

/// <summary>
/// The value patterns built from a tool's schema (an enum's alternation, a numeric parameter's name cue, a
/// schema <c>pattern</c>), kept by pattern text. They were parsed and compiled into a new <see cref="Regex"/>
/// on every tool request although they depend only on the descriptor; a <see cref="Regex"/> is immutable and
/// safe to match from several threads, so one instance per pattern gives the same matches. Bounded: a
/// process that sees very many tools (an evaluation over thousands) starts the cache afresh when it is full.
/// </summary>
internal static class ValuePatternCache
{
    /// <summary>Far more than the patterns of any one deployment's tools.</summary>
    internal const int Capacity = 1024;

    private static readonly ConcurrentDictionary<(string Pattern, RegexOptions Options, TimeSpan Timeout), Regex> Patterns = new();

    /// <summary>The compiled pattern; throws <see cref="ArgumentException"/> for an invalid pattern, as <see cref="Regex"/>'s constructor does (not kept).</summary>
    public static Regex Get(string pattern, RegexOptions options, TimeSpan timeout)
    {
        var key = (pattern, options, timeout);
        if (Patterns.TryGetValue(key, out var regex))
        {
            return regex;
        }

        regex = new Regex(pattern, options, timeout);
        if (Patterns.Count >= Capacity)
        {
            Patterns.Clear();
        }

        return Patterns.GetOrAdd(key, regex);
    }

    /// <summary>How many patterns are kept, for tests.</summary>
    internal static int Count => Patterns.Count;
}
