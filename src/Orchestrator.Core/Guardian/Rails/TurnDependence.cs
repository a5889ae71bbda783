using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Rails;

/// <summary>
/// Whether a turn leans on what came before it, so that the conversation window (the recent user turns
/// joined) may count against it on the input rail. A split request needs its earlier turn to mean
/// anything ("ok, step by step for the first one", "and with more fuel?", "continue", "do it"), so such a
/// turn is judged with the conversation. A turn that stands on its own ("What is the VPN address?": a
/// full question with its own subject and no word pointing back) asks nothing of the earlier turns, and
/// judging it with them only repeats an earlier verdict: one falsely flagged question would flag the next
/// three ordinary ones. When unsure the turn counts as dependent, the stricter reading.
/// </summary>
internal static partial class TurnDependence
{
    /// <summary>Fewer words than this ("the rest, please", "why not?") cannot carry a request of their own.</summary>
    private const int MinStandaloneWords = 4;

    /// <summary>A standalone turn names its own topic: at least this many words that are neither function words nor back-references.</summary>
    private const int MinOwnTopicWords = 2;

    /// <summary>Words a self-contained question can open with: a question word, an auxiliary, a first- or second-person subject (or a request verb: <see cref="RequestVerbs"/>).</summary>
    private static readonly HashSet<string> ClauseOpeners = new(StringComparer.Ordinal)
    {
        "what", "how", "where", "when", "why", "who", "whom", "whose", "which",
        "is", "are", "was", "were", "am", "do", "does", "did", "can", "could", "will", "would", "should", "shall", "may", "might", "must", "have", "has",
        "i", "i'm", "i've", "i'd", "i'll", "we", "we're", "my", "our", "you", "your",
    };

    /// <summary>Auxiliaries that open a yes/no question ("can I ...", "are there ..."): a subject must follow, or the turn is a clause cut from an earlier one ("can crash a computer system").</summary>
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "am", "do", "does", "did", "can", "could", "will", "would", "should", "shall", "may", "might", "must", "have", "has",
    };

    /// <summary>Words that can start the subject after an auxiliary: pronouns and determiners (a plural noun is accepted by its ending).</summary>
    private static readonly HashSet<string> SubjectStarts = new(StringComparer.Ordinal)
    {
        "i", "you", "we", "he", "she", "there", "someone", "anyone", "everyone", "somebody", "anybody", "one",
        "my", "our", "your", "the", "a", "an", "any", "all", "every", "each", "some", "no", "employees", "staff", "people",
    };

    /// <summary>Request verbs: "tell me ...", "give me ...". Asked as a question ("give me a medication I don't need?") they finish an earlier "how do I" rather than stand alone.</summary>
    private static readonly HashSet<string> RequestVerbs = new(StringComparer.Ordinal)
    {
        "tell", "show", "give", "list", "explain", "describe", "write", "help", "find", "send", "book", "create", "reset", "summarize", "summarise",
        "draft", "compare", "translate", "check", "calculate", "recommend", "suggest", "schedule", "cancel", "update", "add", "remove", "order", "request",
    };

    /// <summary>Greetings and politeness skipped before the opener ("please, where is ...").</summary>
    private static readonly HashSet<string> Preambles = new(StringComparer.Ordinal) { "please", "hi", "hello", "hey", "quick", "question" };

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "and", "or", "but", "if", "so", "as", "into", "about",
        "what", "how", "where", "when", "why", "who", "whom", "whose", "which", "is", "are", "was", "were", "am", "be", "been", "do", "does", "did",
        "can", "could", "will", "would", "should", "shall", "may", "might", "must", "have", "has", "had", "i", "i'm", "me", "my", "we", "our", "us",
        "you", "your", "not", "no", "yes", "please", "there", "get", "make",
    };

    /// <summary>
    /// True when the turn depends on earlier turns: too short to stand alone, opening with a continuation
    /// ("and", "ok", "what about", a preposition) rather than a question or request of its own, or pointing
    /// back (it/that/this/them/those, "the first one", "step by step", continue/go on/again/the rest/do it,
    /// "what I said", an elided verb phrase such as "can you?").
    /// </summary>
    public static bool LeansOnEarlierTurns(string turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = ExpletiveIt().Replace(turn.Trim(), m => AnyIt().Replace(m.Value, "there"));
        var lower = text.ToLowerInvariant();
        if (PointsBack().IsMatch(lower) || EndsElided().IsMatch(lower) || PersonalIt().IsMatch(text))
        {
            return true;
        }

        var words = Words().Matches(lower).Select(m => m.Value.Replace('\u2019', '\'')).ToList();
        var clause = words.SkipWhile(Preambles.Contains).ToList();
        var opener = clause.FirstOrDefault();
        return words.Count < MinStandaloneWords
            || opener is null || !(ClauseOpeners.Contains(opener) || RequestVerbs.Contains(opener))
            || (Auxiliaries.Contains(opener) && !StartsSubject(clause.ElementAtOrDefault(1)))
            || (RequestVerbs.Contains(opener) && text.TrimEnd().EndsWith('?'))
            || words.Count(w => !FunctionWords.Contains(w)) < MinOwnTopicWords;
    }

    private static bool StartsSubject(string? word) =>
        word is not null && (SubjectStarts.Contains(word) || (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)));

    /// <summary>Words and phrases that point back, anywhere in the (lower-cased) turn. "it" is matched apart (<see cref="PersonalIt"/>) so the department IT is not one.</summary>
    [GeneratedRegex(@"\b(?:its|that|this|these|those|them|they|their|theirs|he|him|his|she|her|hers|above|aforementioned|latter|former|same|again|continue|continued|keep\s+going|go\s+on|carry\s+on|the\s+rest|step[\s-]+by[\s-]+step|(?:the|that|this)\s+(?:\w+\s+)?ones?|what\s+(?:i|you)\s+(?:said|asked|wrote|told|meant|described|mentioned)|as\s+(?:i|you)\s+(?:said|asked|mentioned)|do\s+(?:it|so|that)|what\s+about|how\s+about|what\s+else|(?:first|second|third|last|next|other|previous|earlier|detailed|full|complete|whole|longer|exact)\s+(?:one|part|step|version|answer|method|option|way|bit)s?)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex PointsBack();

    /// <summary>A turn that ends on an elided object or verb phrase: "... the details please", "can you?", "would you?".</summary>
    [GeneratedRegex(@"(?:\bthe\s+(?:details|steps|instructions|recipe|method|version|procedure|amounts?|quantities|ingredients|materials|code|answer)(?:\s*,?\s*please)?|\b(?:can|could|would|will|should|do|did|does)\s+(?:you|i|we|they)(?:\s*,?\s*please)?)\s*[?.!]*\s*$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex EndsElided();

    /// <summary>The pronoun "it" (any case but the all-capitals department name "IT").</summary>
    [GeneratedRegex(@"\b(?:it|It|iT)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex PersonalIt();

    /// <summary>"it" that points at nothing ("is it possible to ...", "it's okay to ...") is no back-reference.</summary>
    [GeneratedRegex(@"\b(?:(?:is|was)\s+it|it\s+is|it's|it\u2019s|it\s+was|would\s+it\s+be|will\s+it\s+be)\s+(?:possible|ok|okay|allowed|safe|legal|true|normal|necessary|required|fine|better|best|worth|common|hard|easy|wise|mandatory|permitted)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ExpletiveIt();

    [GeneratedRegex(@"\bit\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex AnyIt();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
