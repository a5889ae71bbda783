using System.Text.RegularExpressions;

namespace Orchestrator.Configuration;

/// <summary>"Did you mean" hints for misspelt field names and references.</summary>
internal static partial class Suggestions
{
    /// <summary>The fewest letters a name needs before it is looked for as a word part of a longer name.</summary>
    private const int MinPartLetters = 4;

    /// <summary>Returns <c> (did you mean 'x'?)</c> for the closest candidate, or an empty string when none is close.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates)
    {
        var closest = Closest(input, candidates);
        return closest is null ? "" : $" (did you mean '{closest}'?)";
    }

    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        // A third of the length keeps hints for real typos without proposing unrelated short words.
        var allowed = Math.Clamp(input.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best ?? OtherFrameworksName(input, candidates) ?? ContainingWordParts(input, candidates);
    }

    /// <summary>
    /// Field names other frameworks use for what a section here is called (LiteLLM's <c>model_list</c>, semantic-router's
    /// <c>utterances</c>, NeMo's <c>rails</c>, "knowledge bases"): many edits away, but a newcomer writes them from habit.
    /// Each maps to the names meant, in order; the first that is a candidate is suggested (an agent's <c>knowledge</c>,
    /// orchestrator.yaml's <c>collections</c>).
    /// </summary>
    private static readonly Dictionary<string, string[]> OtherFrameworksNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["knowledge_bases"] = ["collections", "knowledge"],
        ["knowledge_base"] = ["collections", "knowledge"],
        ["knowledgebases"] = ["collections", "knowledge"],
        ["knowledgebase"] = ["collections", "knowledge"],
        ["vector_stores"] = ["collections", "knowledge"],
        ["indexes"] = ["collections", "knowledge"],
        ["indices"] = ["collections", "knowledge"],
        ["corpora"] = ["collections", "knowledge"],
        ["data_sources"] = ["collections", "knowledge"],
        ["vector_store"] = ["store"],
        ["vectorstore"] = ["store"],
        ["model_list"] = ["models"],
        ["llms"] = ["models", "model"],
        ["llm"] = ["model", "models"],
        ["guardrails"] = ["guardian", "rails"],
        ["rails"] = ["guardian"],
        ["functions"] = ["tools"],
        ["plugins"] = ["tools"],
        ["specialists"] = ["agents"],
        ["utterances"] = ["examples"],
        ["fallbacks"] = ["escalation"],
        ["fallback"] = ["escalation"],
        ["system_prompt"] = ["prompt"],
        ["instructions"] = ["prompt"],
    };

    private static string? OtherFrameworksName(string input, IEnumerable<string> candidates)
    {
        var key = input.Replace('-', '_');
        return OtherFrameworksNames.TryGetValue(key, out var meant) ? meant.FirstOrDefault(candidates.Contains) : null;
    }

    /// <summary>
    /// The one candidate whose word parts (split at <c>_ - .</c> and camelCase) contain the input's parts in a row:
    /// "employee" → "employee_id", many edits away but plainly meant. Four letters at least, since short parts ("id")
    /// are in too many names to mean anything; none when two candidates contain it.
    /// </summary>
    private static string? ContainingWordParts(string input, IEnumerable<string> candidates)
    {
        var parts = WordParts(input);
        if (parts.Sum(p => p.Length) < MinPartLetters)
        {
            return null;
        }

        var matches = candidates.Where(c => ContainsInARow(WordParts(c), parts)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static bool ContainsInARow(string[] whole, string[] parts)
    {
        for (var start = 0; start + parts.Length <= whole.Length; start++)
        {
            if (parts.Length < whole.Length && parts.Select((p, i) => p == whole[start + i]).All(same => same))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] WordParts(string name) =>
        CamelBoundary().Replace(name, "$1 $2").ToLowerInvariant().Split([' ', '_', '-', '.'], StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("([a-z0-9])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CamelBoundary();

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent swaps, the commonest typo ("exmaples").</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
