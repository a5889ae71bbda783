using System.Text.RegularExpressions;
using Orchestrator.Retrieval.Storage;

namespace Orchestrator.Retrieval.QueryRewriting;

/// <summary>
/// Rewrites an elliptical follow-up into a self-contained search query, without a model.
/// "and in Paris?" after "What's the maximum hotel price per night in London?" searches for
/// "What's the maximum hotel price per night in Paris?": the topic comes from the previous user
/// turn and the new slot from the follow-up. A follow-up that stands on its own is left alone,
/// so a new question in the same conversation is searched as asked.
/// </summary>
public static partial class FollowUpQueryRewriter
{
    /// <summary>A message with at most this many content words cannot carry its own topic.</summary>
    private const int MaxEllipticalTerms = 2;

    /// <summary>With a pronoun pointing back ("is it paid?"), a message this short still leans on the previous turn.</summary>
    private const int MaxAnaphoricTerms = 4;

    /// <summary>A question whose subject is a demonstrative ("does that apply to hotel Wi-Fi too?") is about the previous topic up to this many content words.</summary>
    private const int MaxDemonstrativeSubjectTerms = 6;

    /// <summary>A verbless question phrase this short ("after how many attempts?") continues the conversation.</summary>
    private const int MaxQuestionPhraseTerms = 3;

    /// <summary>A previous "turn" longer than this is a pasted document, not a question to continue.</summary>
    private const int MaxPreviousChars = 1_000;

    /// <summary>A question behind a continuation word names its own topic with at least this many topic words.</summary>
    private const int MinOwnTopicWords = 2;

    /// <summary>Content words that name no topic: quantities, light verbs and modals ("how much ... do I get").</summary>
    private static readonly HashSet<string> GenericWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "much", "many", "get", "gets", "got", "need", "needs", "take", "takes", "make", "use", "will", "must", "may", "might", "shall",
        "same", "other", "else", "more", "less", "also", "too", "still", "just", "again", "now", "any", "some", "per", "please", "long", "often",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "for", "at", "on", "to", "from", "with", "during", "after", "before", "by", "within", "outside", "inside", "under", "over",
    };

    /// <summary>Earlier user turns resolved in sequence, so "and after 10?" after "and after 5 years?" still carries the first turn's topic.</summary>
    private const int MaxContextTurns = 4;

    /// <summary>The query to search with: <paramref name="message"/> itself, or a rewrite that carries the previous user turns' topic.</summary>
    public static string Rewrite(string message, IReadOnlyList<ConversationTurn> history) => Resolve(message, history).Query;

    /// <summary>
    /// The rewrite and the name it substituted. The topic is the previous user turn as it was itself
    /// understood: each of the last few user turns is rewritten against the one before it, so a chain
    /// of follow-ups keeps the conversation's topic. A turn too long to be a question resets it.
    /// </summary>
    internal static FollowUpRewrite Resolve(string message, IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(history);
        string? topic = null;
        foreach (var turn in history.Where(IsUserTurn).TakeLast(MaxContextTurns))
        {
            var text = turn.Text.Trim();
            topic = text.Length > MaxPreviousChars ? null : topic is null ? text : RewriteAgainst(text, topic).Query;
        }

        return topic is null ? new FollowUpRewrite(message, null) : RewriteAgainst(message, topic);
    }

    private static FollowUpRewrite RewriteAgainst(string message, string previous)
    {
        if (!IsFollowUp(message))
        {
            return new FollowUpRewrite(message, null);
        }

        var slot = ContinuationLead().Replace(message.Trim(), "").Trim().TrimEnd('?', '.', '!', ' ');
        if (slot.Length == 0)
        {
            return new FollowUpRewrite(previous, null);
        }

        // "Does that apply to contractors too?" is a whole question about the previous topic: the
        // topic takes the pronoun's place, and the question keeps its own words and kind.
        if ((CompleteQuestion().IsMatch(slot) || PronounSubject().IsMatch(slot)) && PronounTopic.Substitute(slot, previous) is { } resolved)
        {
            return new FollowUpRewrite($"{char.ToUpperInvariant(resolved[0])}{resolved[1..]}?", null);
        }

        if (FrontWhPhrase(previous, slot) is { } asked)
        {
            return new FollowUpRewrite(asked, null);
        }

        var entity = NameIn(slot);
        return (ReplaceSlot(previous, slot) ?? ReplaceHead(previous, slot)) is { } swapped
            ? new FollowUpRewrite(swapped, entity)
            : ReplaceEntity(previous, slot) is { } renamed
                ? new FollowUpRewrite(renamed, entity)
                : new FollowUpRewrite($"{previous.TrimEnd('?', '.', '!', ' ')} {slot}?", null);
    }

    /// <summary>
    /// "until when?" after "Can I carry over unused holiday into next year?" asks the same thing with
    /// a new question word: "Until when can I carry over unused holiday into next year?". The
    /// previous turn's own question word ("How long", "What's") gives way to the new one, so the
    /// question's kind (a date, a number, a place) is the one the user asks now.
    /// </summary>
    private static string? FrontWhPhrase(string previous, string slot)
    {
        if (!WhFragment().IsMatch(slot))
        {
            return null;
        }

        var rest = LeadingWhWord().Replace(previous.TrimEnd('?', '.', '!', ' '), "").Trim();
        if (rest.Length == 0)
        {
            return null;
        }

        // "which days?" after "How many days a week ...": the new phrase names the counted thing
        // itself, so the previous question's copy of it goes ("Which days a week ...", not "Which days days ...").
        var named = slot.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        var restWords = rest.Split(' ', 2);
        if (slot.Contains(' ', StringComparison.Ordinal) && string.Equals(restWords[0], named, StringComparison.OrdinalIgnoreCase))
        {
            if (restWords.Length < 2)
            {
                return null;
            }

            rest = restWords[1].TrimStart();
        }

        var lead = char.ToUpperInvariant(slot[0]) + slot[1..];
        var firstWord = rest.Split(' ', 2)[0];
        var keepCase = firstWord == "I" || firstWord.StartsWith("I'", StringComparison.Ordinal) || firstWord.Count(char.IsUpper) > 1;
        var body = keepCase ? rest : char.ToLowerInvariant(rest[0]) + rest[1..];
        return $"{lead} {body}?";
    }

    private static string? NameIn(string slot)
    {
        var words = Article().Replace(slot, "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(IsNameLike).ToList();
        return words.Count is > 0 and <= 3 ? string.Join(' ', words) : null;
    }

    private static bool IsUserTurn(ConversationTurn turn) => turn.Role == ConversationTurn.User && !string.IsNullOrWhiteSpace(turn.Text);

    /// <summary>Does the message lean on the previous turn: a continuation lead, or too few content words of its own?</summary>
    public static bool IsFollowUp(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var trimmed = message.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        var terms = FtsQuery.Terms(trimmed).Count;
        if (ContinuationLead().Match(trimmed) is { Success: true } lead)
        {
            return terms <= MaxAnaphoricTerms && !AsksItsOwnQuestion(trimmed[lead.Length..].Trim());
        }

        var anaphoric = (terms <= MaxAnaphoricTerms && PointsBack(trimmed))
            || (terms <= MaxDemonstrativeSubjectTerms && DemonstrativeSubject().IsMatch(trimmed));

        // "what insurance plan do i have", "how many calories are in apples": a question word, its own
        // verb and subject and two topic words stand alone, as they do behind "and" (AsksItsOwnQuestion).
        if (!anaphoric && AsksItsOwnQuestion(trimmed))
        {
            return false;
        }

        // "How do I reset my password?" has few content words but is a whole question: it needs the
        // conversation only when it points back at it ("is it paid?", "what should I use then?").
        // A question phrase without a verb ("after how many attempts?", "how much per year?") asks
        // about the topic already on the table.
        return CompleteQuestion().IsMatch(trimmed)
            ? anaphoric
            : terms <= MaxEllipticalTerms || anaphoric || (terms <= MaxQuestionPhraseTerms && WhFragment().IsMatch(trimmed));
    }

    /// <summary>
    /// "and how much parental leave can I take?" is a new question behind a continuation word: a
    /// question word (with up to four words of its phrase), its own verb and subject, at least two
    /// topic words, and nothing pointing back. Rewritten against the previous turn it became
    /// "How much parental leave can I take is the minimum password length?", so it is searched as
    /// asked. "and how many days do I get?" names only one topic word (days of what?) and
    /// "and how long does it last?" points back, so both still lean on the previous turn.
    /// </summary>
    private static bool AsksItsOwnQuestion(string rest) =>
        OwnClauseQuestion().IsMatch(rest)
        && !PointsBack(rest)
        && TopicWordCount(rest) >= MinOwnTopicWords;

    private static int TopicWordCount(string text) => FtsQuery.Terms(text).Count(t => t.Length >= 3 && !GenericWords.Contains(t));

    /// <summary>
    /// Does the text point back at the conversation? Words that only look like back-references are
    /// blanked first: existential "there" ("is there a routing number for ..."), "it" before an
    /// infinitive ("is it safe to travel to ...") or asking the time ("what time is it in Oslo", not "what time is it open"), "this"
    /// before a time ("this month"), relative "that" ("the company that made you"), and "one" that
    /// is a number or "someone" ("more than one", "how does one apply"). "one" points back only after
    /// a determiner ("which one", "the cheaper one"). The blanking counts only when the text names its
    /// own topic: "is there a limit?" or "is it worth it?" still asks about the previous turn's.
    /// </summary>
    private static bool PointsBack(string text)
    {
        if (!Anaphora().IsMatch(text) && !AnaphoricOne().IsMatch(text))
        {
            return false;
        }

        var plain = NotBackReference().Replace(text, " ");
        return Anaphora().IsMatch(plain) || AnaphoricOne().IsMatch(plain) || TopicWordCount(text) < MinOwnTopicWords;
    }

    /// <summary>"in Paris" replaces the previous turn's "in London"; null when the previous turn has no phrase of that kind.</summary>
    private static string? ReplaceSlot(string previous, string slot)
    {
        var words = slot.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !Prepositions.Contains(words[0]))
        {
            return null;
        }

        return PrepositionalPhrase.FindLast(previous, words[0]) is var (start, length)
            ? previous[..start] + slot + previous[(start + length)..]
            : null;
    }

    /// <summary>
    /// "the resolution target" replaces "the response time" in "What is the response time for a P2
    /// ticket?": a definite noun phrase takes the place of the previous turn's first one, when that
    /// one is followed by a prepositional phrase that keeps the rest of the topic ("for a P2 ticket").
    /// </summary>
    private static string? ReplaceHead(string previous, string slot)
    {
        if (!DefiniteSlot().IsMatch(slot))
        {
            return null;
        }

        var head = HeadNounPhrase().Match(previous);
        return head.Success ? previous[..head.Index] + slot + previous[(head.Index + head.Length)..] : null;
    }

    /// <summary>"Lisbon" or "a P3" replaces the previous turn's last name-like run ("Amsterdam", "P1"); null when either has none.</summary>
    private static string? ReplaceEntity(string previous, string slot)
    {
        var entity = Article().Replace(slot, "");
        var words = entity.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 3 || !words.All(IsNameLike))
        {
            return null;
        }

        Match? last = null;
        foreach (Match m in NameRun().Matches(previous))
        {
            if (m.Index > 0 && m.Value != "I")
            {
                last = m;
            }
        }

        return last is null ? null : previous[..last.Index] + entity + previous[(last.Index + last.Length)..];
    }

    private static bool IsNameLike(string word) => word.Any(char.IsUpper) && word != "I";

    [GeneratedRegex(@"^the\s+[\p{L}\p{N}-]+(?:\s+[\p{L}\p{N}-]+){0,2}$", RegexOptions.IgnoreCase)]
    private static partial Regex DefiniteSlot();

    [GeneratedRegex(@"\bthe\s+[\p{L}\p{N}-]+(?:\s+[\p{L}\p{N}-]+){0,2}?(?=\s+(?:for|in|on|at|of|to|from|with|during|after|before|by|per)\s)", RegexOptions.IgnoreCase)]
    private static partial Regex HeadNounPhrase();

    [GeneratedRegex(@"^(?:a|an|the)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Article();

    [GeneratedRegex(@"\b[\p{Lu}][\p{L}\p{N}-]*(?:\s+[\p{Lu}][\p{L}\p{N}-]*)*")]
    private static partial Regex NameRun();

    [GeneratedRegex(@"^(?:(?:and|but|also|so|then)\b[,\s]*(?:(?:what|how)\s+about\b)?|(?:what|how)\s+about\b|what\s+if\b|same\s+for\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ContinuationLead();

    /// <summary>A whole question: a question word with its verb ("How do I ...", "What's ..."), or a verb first ("is it paid").</summary>
    [GeneratedRegex(@"^(?:(?:what|which|how|when|who|whom|whose|where|why)(?:'s\s+\S+|(?:\s+[\p{L}-]+)?\s+(?:do|does|did|is|are|was|were|am|can|could|should|would|will|must|may|might|have|has|had|shall)\s+\S+)|(?:do|does|did|is|are|was|were|am|can|could|should|would|will|must|may|might|have|has|had|shall)\s+\S+\s+\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex CompleteQuestion();

    /// <summary>
    /// A question with its own clause: a question word, up to four words of its phrase, then a verb and
    /// its subject ("how much parental leave can I take"); "who" with an inflected verb and its object
    /// ("who programmed you", "who tracks my credit score"); or "how to" with its verb ("how to unclog a drain").
    /// </summary>
    [GeneratedRegex(@"^(?:(?:what|which|how|when|who|whom|whose|where|why)(?:\s+[\p{L}\p{N}'-]+){0,4}?\s+(?:do|does|did|is|are|was|were|am|can|could|should|would|will|must|may|might|have|has|had|shall)\s+[\p{L}\p{N}'-]+|who\s+[\p{L}]+(?:s|ed)\s+[\p{L}\p{N}'-]+|how\s+to\s+[\p{L}]+)", RegexOptions.IgnoreCase)]
    private static partial Regex OwnClauseQuestion();

    /// <summary>A fragment that is a question phrase of its own: "until when", "which days", "after how many attempts".</summary>
    [GeneratedRegex(@"^(?:(?:until|till|since|from|by|for|after|before|in|at|to|with)\s+)?(?:when|which|what|how|who|whom|whose|where)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhFragment();

    /// <summary>The previous question's own question word and its modifier ("How long", "What's", "Which").</summary>
    [GeneratedRegex(@"^(?:what|which|how|when|who|whom|whose|where|why)(?:'s)?(?:\s+(?:much|many|long|often|far|soon|old|fast|quickly|early|late))?\b\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingWhWord();

    /// <summary>A statement about the previous topic: "it keeps disconnecting", "they expire in March".</summary>
    [GeneratedRegex(@"^(?:it|they|that|this|these|those)\s+[\p{L}']+\s+\S+", RegexOptions.IgnoreCase)]
    private static partial Regex PronounSubject();

    /// <summary>"Does that apply ...", "Is this included ...", "Do those count ...": the subject points back, so the question has no topic of its own.</summary>
    [GeneratedRegex(@"^(?:do|does|did|is|are|was|were|will|would|can|could|should|must|may|might|has|have)\s+(?:that|this|these|those)\s+[\p{L}-]+", RegexOptions.IgnoreCase)]
    private static partial Regex DemonstrativeSubject();

    [GeneratedRegex(@"\b(it|its|that|this|those|these|they|them|there|then)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Anaphora();

    [GeneratedRegex(@"\b(?:which|the|this|that|another|other|either|each|first|second|third|last|next|previous|same|new|old|cheaper|bigger|smaller|better)\s+one\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnaphoricOne();

    /// <summary>Uses of it/there/this/that that refer to nothing said before (see <see cref="PointsBack"/>).</summary>
    [GeneratedRegex(@"\b(?:is|are|was|were|isn't|aren't|wasn't|weren't)\s+there\b|\bthere(?:'s|\u2019s|\s+(?:is|are|was|were|isn't|aren't))\b|\b(?:is|was|will|would)\s+it\s+(?:be\s+)?(?:possible|ok|okay|alright|allowed|safe|unsafe|legal|illegal|true|normal|necessary|required|fine|bad|good|better|best|worth|common|hard|easy|difficult|wise|smart|mandatory|permitted|accurate|dangerous|wrong|right|cheaper|faster|expensive)\s+(?:to|if)\b|\bit(?:'s|\u2019s|\s+is)\s+(?:possible|ok|okay|alright|allowed|safe|unsafe|legal|illegal|true|normal|necessary|required|fine|bad|good|better|best|worth|common|hard|easy|difficult|wise|smart|mandatory|permitted|accurate|dangerous|wrong|right|cheaper|faster|expensive)\s+to\b|\b(?:time|day|date|hour)\s+is\s+it(?=\s*(?:[?.!,]|$|\s+(?:in|now|today|over|right)\b))|\btime\s+it\s+is\b|\bthis\s+(?:morning|afternoon|evening|week|weekend|month|year|time)\b|\b(?:the|a|an|any)\s+(?:[\p{L}'-]+\s+){1,3}?that\s+(?=(?:i|you|we|he|she|they|my|your|our|is|are|was|were|has|have|had|can|will|would|made|[\p{L}]+ed)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex NotBackReference();
}
