using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Tools.Deterministic;

/// <summary>
/// Word-level evidence that a request is about a tool: how much of the request's content is named
/// by the tool's name, description and parameter descriptions, and how much of the tool's name the
/// request uses. Embeddings see topic; this sees the specific nouns ("triangle" vs "body mass").
/// Words are compared by a crude stem (lower case, first five letters) so "calculate" meets "calculation".
/// </summary>
internal static partial class LexicalOverlap
{
    private const int StemLength = 5;

    // Function words and request boilerplate: they say nothing about which tool is meant.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "from", "as", "is", "are", "was",
        "were", "be", "been", "it", "its", "this", "that", "these", "those", "what", "which", "who", "whom", "whose", "how",
        "when", "where", "why", "can", "could", "would", "should", "will", "shall", "may", "might", "do", "does", "did", "i",
        "me", "my", "we", "our", "you", "your", "he", "she", "they", "them", "their", "his", "her", "please", "tell", "give",
        "find", "get", "show", "let", "know", "want", "need", "like", "some", "any", "all", "about", "into", "than", "then",
        "there", "here", "if", "not", "no", "yes", "so", "also", "just", "up", "out", "over", "s", "t", "given", "using", "use",
        "based", "provided", "specified", "specific", "certain", "value", "values", "default", "e", "g", "eg", "etc", "one",
    };

    public static IReadOnlySet<string> Stems(string text) =>
        Words().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => !StopWords.Contains(w) && !char.IsDigit(w[0]))
            .Select(w => w.Length > StemLength ? w[..StemLength] : w).ToHashSet(StringComparer.Ordinal);

    /// <summary>Everything the tool says about itself: name, description, parameter names and descriptions, enum values.</summary>
    public static string ToolText(ToolDescriptor tool)
    {
        var parts = new List<string> { ToolSelector.Humanize(tool.Name), tool.Description };
        if (tool.ParametersSchema.ValueKind == JsonValueKind.Object && tool.ParametersSchema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                parts.Add(ToolSelector.Humanize(property.Name));
                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (property.Value.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    parts.Add(d.GetString()!);
                }

                if (property.Value.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array)
                {
                    parts.AddRange(e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
                }
            }
        }

        parts.AddRange(tool.Examples);
        return string.Join(' ', parts);
    }

    /// <summary>Share of <paramref name="of"/> found in <paramref name="within"/>; 0 when there is nothing to find.</summary>
    public static double Coverage(IReadOnlySet<string> of, IReadOnlySet<string> within) =>
        of.Count == 0 ? 0 : (double)of.Count(within.Contains) / of.Count;

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Words();
}
