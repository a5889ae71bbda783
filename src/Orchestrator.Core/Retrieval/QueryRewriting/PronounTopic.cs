using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.QueryRewriting;

/// <summary>
/// Resolves a pronoun that points back at the previous question. "How long can it last?" after
/// "What is a phased return after sickness?" is searched as "How long can the phased return after
/// sickness last?": the previous question's topic (its first noun phrase) takes the pronoun's place.
/// Without a model this is the whole of reference resolution, so it is deliberately narrow: only a
/// pronoun that stands alone is replaced ("that" in "does that apply", not in "that policy"), and
/// only when the previous question has a noun phrase to put there.
/// </summary>
internal static partial class PronounTopic
{
    /// <summary>Longer phrases are clauses, not a topic ("an email to my team announcing the move ...").</summary>
    private const int MaxTopicWords = 8;

    /// <summary>Words after "that"/"this" that show it stands alone, as a subject or an object, rather than as a determiner ("that policy").</summary>
    private static readonly HashSet<string> AfterStandalonePronoun = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "are", "was", "were", "be", "do", "does", "did", "can", "could", "will", "would", "should", "must", "may", "might", "has", "have",
        "apply", "applies", "include", "includes", "cover", "covers", "count", "counts", "mean", "means", "work", "works", "cost", "costs",
        "take", "takes", "last", "lasts", "need", "needs", "require", "requires", "start", "starts", "end", "ends", "expire", "expires",
        "also", "too", "still", "only", "again", "then", "for", "to", "in", "on", "at", "with", "from", "after", "before", "by", "of", "about",
        "if", "or", "and", "when", "once",
    };

    /// <summary>
    /// The message with its back-pointing pronoun replaced by the previous question's topic; null when
    /// the message has no standalone pronoun or the previous question has no noun phrase to offer.
    /// </summary>
    public static string? Substitute(string message, string previous)
    {
        if (Topic(previous) is not { } topic)
        {
            return null;
        }

        foreach (Match pronoun in Pronoun().Matches(message))
        {
            var word = pronoun.Value;
            var isDemonstrative = !word.Equals("it", StringComparison.OrdinalIgnoreCase)
                && !word.Equals("they", StringComparison.OrdinalIgnoreCase)
                && !word.Equals("them", StringComparison.OrdinalIgnoreCase);
            if (isDemonstrative && !StandsAlone(message, pronoun.Index + pronoun.Length))
            {
                continue;
            }

            var replacement = pronoun.Index == 0 ? char.ToUpperInvariant(topic[0]) + topic[1..] : topic;
            return message[..pronoun.Index] + replacement + message[(pronoun.Index + pronoun.Length)..];
        }

        return null;
    }

    /// <summary>
    /// The previous question's topic: its first noun phrase with a determiner ("a learning budget",
    /// "my corporate card"), or what follows the copula of a question without one ("How long is
    /// maternity leave at Northwind?"). An indefinite article becomes "the": the thing is known now.
    /// </summary>
    internal static string? Topic(string previous)
    {
        var text = previous.Trim().TrimEnd('?', '.', '!', ' ');

        // "days a week", "per year": a measure is not what the question is about.
        var match = DeterminerPhrase().Match(text);
        while (match.Success && Measure().Match(match.Value) is { Success: true } measure)
        {
            match = DeterminerPhrase().Match(text, match.Index + measure.Length);
        }

        if (!match.Success)
        {
            var copula = CopulaPhrase().Match(text);
            if (!copula.Success)
            {
                return null;
            }

            match = copula;
        }

        var words = match.Groups["np"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>();
        foreach (var word in words)
        {
            if (kept.Count > 0 && (ClauseWord().IsMatch(word) || kept.Count == MaxTopicWords))
            {
                break;
            }

            kept.Add(word);
        }

        while (kept.Count > 1 && TrailingFunctionWord().IsMatch(kept[^1]))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        if (kept.Count == 0 || (kept.Count == 1 && IndefiniteOrPossessive().IsMatch(kept[0])))
        {
            return null;
        }

        var topic = string.Join(' ', kept).TrimEnd(',', ';', ':');
        return Indefinite().Replace(topic, "the ");
    }

    private static bool StandsAlone(string message, int end)
    {
        var rest = message[end..].TrimStart();
        if (rest.Length == 0 || !char.IsLetter(rest[0]))
        {
            return true;
        }

        var next = NextWord().Match(rest).Value;
        return AfterStandalonePronoun.Contains(next);
    }

    [GeneratedRegex(@"\b(?:it|that|this|they|them|these|those)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"^[\p{L}'-]+")]
    private static partial Regex NextWord();

    [GeneratedRegex(@"\b(?<np>(?:the|a|an|my|our|your)\s+[^,.;:!?]+)", RegexOptions.IgnoreCase)]
    private static partial Regex DeterminerPhrase();

    [GeneratedRegex(@"^(?:what|which|how(?:\s+\w+)?|when|where|who)\s+(?:is|are|was|were)\s+(?<np>[^,.;:!?]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CopulaPhrase();

    /// <summary>A word that starts a new clause, so the noun phrase ends before it.</summary>
    [GeneratedRegex(@"^(?:and|or|but|if|when|while|because|so|that|which|who|where|do|does|did|is|are|was|were|can|could|should|would|will|must|may|might|have|has|had|i|you|we|they|get|gets|need|needs|look|looks|like|work|works|mean|means|happen|happens|cost|costs|take|takes|apply|applies|pay|pays|start|starts|last|lasts|include|includes|cover|covers)$", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseWord();

    [GeneratedRegex(@"^(?:the|a|an|my|our|your|on|in|for|of|to|at|with|by|from)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingFunctionWord();

    [GeneratedRegex(@"^(?:the|a|an|my|our|your)\s+(?:week|month|year|day|night|hour|minute|time|weekend)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Measure();

    [GeneratedRegex(@"^(?:the|a|an|my|our|your)$", RegexOptions.IgnoreCase)]
    private static partial Regex IndefiniteOrPossessive();

    [GeneratedRegex(@"^(?:a|an)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Indefinite();
}
