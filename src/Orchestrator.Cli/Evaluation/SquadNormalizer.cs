using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Evaluation;

/// <summary>The answer normalisation of the official SQuAD v1.1 evaluation script.</summary>
public static partial class SquadNormalizer
{
    public static string Normalize(string text)
    {
        var lower = text.ToLowerInvariant();
        var withoutPunctuation = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            // The official script strips Python's string.punctuation: ASCII punctuation only.
            if (!(c < 128 && char.IsPunctuation(c)) && !(c < 128 && char.IsSymbol(c)))
            {
                withoutPunctuation.Append(c);
            }
        }

        var withoutArticles = Articles().Replace(withoutPunctuation.ToString(), " ");
        return string.Join(' ', withoutArticles.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>True when the normalised answer contains a normalised gold string as whole words.</summary>
    public static bool ContainsAny(string answer, IEnumerable<string> golds)
    {
        var normalized = " " + Normalize(answer) + " ";
        return golds.Select(Normalize).Any(g => g.Length > 0 && normalized.Contains(" " + g + " ", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\b(a|an|the)\b")]
    private static partial Regex Articles();
}
