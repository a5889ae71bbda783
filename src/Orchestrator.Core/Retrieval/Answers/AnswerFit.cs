using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.Answers;

/// <summary>
/// How much a sentence looks like an answer to the question's kind, beyond being about the same
/// topic: "how many days" wants a number next to "days", "when" wants a date or a deadline, "who"
/// or "which number" wants a contact, "how do I" wants an instruction. A topical sentence that
/// only mentions the subject ("public holidays are in addition to the 25 days") scores lower than
/// the one that states it ("full-time employees receive 25 days").
/// </summary>
internal static partial class AnswerFit
{
    private static readonly HashSet<string> Imperatives = new(StringComparer.OrdinalIgnoreCase)
    {
        "open", "choose", "submit", "book", "tell", "record", "click", "install", "use", "call", "email", "report",
        "contact", "request", "fill", "take", "go", "log", "enter", "check", "select", "follow", "ask", "freeze",
        "send", "run", "type", "sign", "approve", "keep", "attach", "register", "pre-register", "give", "state",
        "lock", "reinstall", "disconnect", "change", "return", "upload", "complete", "reset", "test", "scan",
        "visit", "press", "apply", "claim", "raise", "file", "reconnect", "restart", "try", "create", "add", "remove",
    };

    // Capitalised words that start sentences or clauses, not names.
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "In", "On", "At", "By", "For", "If", "When", "While", "After", "Before", "During", "This", "These",
        "That", "Those", "It", "Its", "He", "She", "They", "His", "Her", "Their", "We", "Our", "You", "Your", "There", "Although",
        "Despite", "However", "Since", "As", "Then", "Also", "But", "And", "Or", "Of", "To", "From", "With", "Some", "Most", "Many",
        "One", "Two", "I", "Every", "Each", "All", "Any", "No", "Not", "Only", "Under", "Over", "Between", "Until", "Unlike", "Like",
    };

    public static QuestionKind Classify(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var q = question.ToLowerInvariant();
        if (QuantityQuestion().IsMatch(q))
        {
            return QuestionKind.Quantity;
        }

        if (DayQuestion().IsMatch(q))
        {
            return QuestionKind.Day;
        }

        if (TimeQuestion().IsMatch(q))
        {
            return QuestionKind.Time;
        }

        if (PersonQuestion().IsMatch(q) && !AskerQuestion().IsMatch(q))
        {
            return QuestionKind.Person;
        }

        if (ContactQuestion().IsMatch(q))
        {
            return QuestionKind.Contact;
        }

        if (ProcedureQuestion().IsMatch(q))
        {
            return QuestionKind.Procedure;
        }

        return YesNoQuestion().IsMatch(q) ? QuestionKind.YesNo : QuestionKind.Other;
    }

    /// <summary>A bonus from 0 to 1: 1 when the sentence has the kind of content the question asks for, next to the asked-for term.</summary>
    /// <param name="questionTerms">The question's content terms, cut to the prefix length the scorer uses.</param>
    /// <param name="stem">The scorer's stemmer, so terms compare the same way.</param>
    public static double Score(QuestionKind kind, string sentence, IReadOnlySet<string> questionTerms, Func<string, string> stem) =>
        Score(kind, sentence, questionTerms, stem, asksForLimit: true);

    /// <inheritdoc cref="Score(QuestionKind, string, IReadOnlySet{string}, Func{string, string})"/>
    /// <param name="asksForLimit">
    /// Whether the question asks what is allowed or what bounds apply (<see cref="AsksForLimit"/>). When it
    /// does not ("how many vacation days do I get?"), a bounded figure ("a maximum of 5 unused days") is a
    /// limit on something else, not the amount asked for, and scores as a mere figure.
    /// </param>
    public static double Score(QuestionKind kind, string sentence, IReadOnlySet<string> questionTerms, Func<string, string> stem, bool asksForLimit)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(stem);
        return kind switch
        {
            QuestionKind.Quantity => QuantityFit(sentence, questionTerms, stem, asksForLimit),
            QuestionKind.Time => TimeFit(sentence, questionTerms, stem),
            QuestionKind.Day => DayFit(sentence, questionTerms, stem),
            QuestionKind.Contact => ContactExpression().IsMatch(sentence) ? 1 : 0,
            QuestionKind.Person => ContactExpression().IsMatch(sentence) || HasNewName(sentence, questionTerms, stem) || HasNewGroup(sentence, questionTerms, stem) ? 1 : 0,
            QuestionKind.Procedure => ProcedureFit(sentence),
            QuestionKind.YesNo => RuleExpression().IsMatch(sentence) ? 0.5 : 0,
            _ => 0,
        };
    }

    /// <summary>
    /// A stated figure scores; a figure next to a question term scores fully; "the 25 days" refers
    /// back and does not count, nor does a figure the question already gives ("prior to 2000"):
    /// the answer is what the question does not know yet.
    /// </summary>
    private static double QuantityFit(string sentence, IReadOnlySet<string> questionTerms, Func<string, string> stem, bool asksForLimit = true)
    {
        // A question that states no circumstance (no figure of its own) asks for the general rule;
        // a sentence that opens on a circumstance ("Long service: after 5 years ... 26 days", "If you
        // work 3 days ...") states the figure for a narrower case, and counts as a mere figure.
        var cap = !questionTerms.Any(IsNumber) && OpensOnCircumstance().IsMatch(sentence) ? 0.6 : 1;
        return Math.Min(cap, FigureFit(sentence, questionTerms, stem, asksForLimit));
    }

    private static bool IsNumber(string term) => term.Length > 0 && term.All(char.IsAsciiDigit);

    private static double FigureFit(string sentence, IReadOnlySet<string> questionTerms, Func<string, string> stem, bool asksForLimit)
    {
        var best = 0.0;
        foreach (Match m in Figure().Matches(sentence))
        {
            // Spans and a bounded look-ahead, not substrings: a long sentence has many figures.
            var before = sentence.AsSpan(0, m.Index).TrimEnd();
            if (before.EndsWith(" the", StringComparison.OrdinalIgnoreCase) || before.Equals("the", StringComparison.OrdinalIgnoreCase) || IsGiven(m.Value, questionTerms, stem))
            {
                continue;
            }

            best = Math.Max(best, 0.6);
            if (!asksForLimit && LimitQualifier().IsMatch(before))
            {
                continue;
            }

            var next = Word().Match(sentence, m.Index + m.Length);
            for (var k = 0; k < 3 && next.Success; k++, next = next.NextMatch())
            {
                if (questionTerms.Contains(stem(next.Value.ToLowerInvariant())))
                {
                    return 1;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// True when the question asks what is allowed or where a bound lies ("how many days can I carry
    /// over?", "what is the maximum ...", "how many days at most"), so a figure stated as a bound answers it.
    /// </summary>
    public static bool AsksForLimit(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return LimitQuestion().IsMatch(question);
    }

    /// <summary>A date, time or period the question does not already give; else half a figure's fit.</summary>
    private static double TimeFit(string sentence, IReadOnlySet<string> questionTerms, Func<string, string> stem)
    {
        foreach (Match m in TimeExpression().Matches(sentence))
        {
            var words = Word().Matches(m.Value).Select(w => stem(w.Value.ToLowerInvariant())).ToList();
            var given = Digits().IsMatch(m.Value) ? IsGiven(m.Value, questionTerms, stem) : words.Count > 0 && words.All(questionTerms.Contains);
            if (!given)
            {
                return 1;
            }
        }

        return FigureFit(sentence, questionTerms, stem, asksForLimit: true) * 0.5;
    }

    /// <summary>
    /// A weekday, a month, a day of the month ("the 25th") or a written date the question does not
    /// already name; a duration or a count ("at least 2 days per week") answers "how many days", not
    /// "which days", and does not count.
    /// </summary>
    private static double DayFit(string sentence, IReadOnlySet<string> questionTerms, Func<string, string> stem)
    {
        foreach (Match m in NamedDay().Matches(sentence))
        {
            if (!questionTerms.Contains(stem(m.Value.ToLowerInvariant())))
            {
                return 1;
            }
        }

        return 0;
    }

    /// <summary>True when every number in the text is one the question states (the question's terms hold its numbers as written).</summary>
    private static bool IsGiven(string text, IReadOnlySet<string> questionTerms, Func<string, string> stem)
    {
        var numbers = Digits().Matches(text);
        return numbers.Count > 0 && numbers.All(n => questionTerms.Contains(stem(n.Value)));
    }

    /// <summary>A capitalised word that is not a sentence opener and that the question does not already name.</summary>
    private static bool HasNewName(string sentence, IReadOnlySet<string> questionTerms, Func<string, string> stem) =>
        NameWord().Matches(sentence).Any(m => !NotNames.Contains(m.Value) && !questionTerms.Contains(stem(m.Value.ToLowerInvariant())));

    // "Who can get a card?" is answered by a group ("Employees who travel ... more than 4 times a
    // year"), not by whatever proper name the passage holds ("issued by Harbour Commercial Bank").
    private static bool HasNewGroup(string sentence, IReadOnlySet<string> questionTerms, Func<string, string> stem) =>
        PeopleGroup().Matches(sentence).Any(m => !questionTerms.Contains(stem(m.Value.ToLowerInvariant())));

    /// <summary>True when the sentence opens with an instruction verb ("Open the portal ...", "Choose ...").</summary>
    public static bool IsInstruction(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var first = Word().Match(sentence);
        return first.Success && Imperatives.Contains(first.Value);
    }

    private static double ProcedureFit(string sentence)
    {
        var first = Word().Match(sentence);
        return first.Success && Imperatives.Contains(first.Value) ? 1 : RuleExpression().IsMatch(sentence) ? 0.3 : 0;
    }

    [GeneratedRegex(@"\bhow (many|much|long|often|far|big|old|fast|quickly|high|large|tall)\b|\bwhat(?:'s| is| are)? (the )?(percentage|percent|amount|rate|limit|number of|maximum|minimum|cap|budget|price|cost|length|size)\b|\b(maximum|minimum|max|min|limit|cap)\b")]
    private static partial Regex QuantityQuestion();

    [GeneratedRegex(@"\b(can|could|may|might|allowed|permitted|max|maximum|min|minimum|most|least|limit|limits|limited|cap|capped|exceed|up to|more than|less than|fewer than)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LimitQuestion();

    // A sentence that opens on a condition with a figure, after an optional "Label:" from a list item.
    [GeneratedRegex(@"^(?:[\p{L} -]{1,30}:\s*)?(?:after|if|when|once|for|from|within|during|above|below|under|beyond|until|with)\b[^,;.:]{0,40}?\d", RegexOptions.IgnoreCase)]
    private static partial Regex OpensOnCircumstance();

    // The words right before a figure that make it a bound: "a maximum of 5", "up to 15", "no more than 3".
    [GeneratedRegex(@"\b(maximum|minimum|max\.?|min\.?|up to|no more than|not more than|no fewer than|no less than|not less than|at most|at least|a limit of|capped at|limited to)(?: of)?$", RegexOptions.IgnoreCase)]
    private static partial Regex LimitQualifier();

    [GeneratedRegex(@"\b(which|what) (day|days|weekday|weekdays)\b")]
    private static partial Regex DayQuestion();

    [GeneratedRegex(@"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex NamedDay();

    [GeneratedRegex(@"^(and )?when\b|\bwhen (do|does|is|are|can|must|should|will|did|was|were)\b|\buntil when\b|\bby when\b|\bwhat (date|day|days|time|year|month)\b|\bwhich (date|day|days|year|month)\b|\bdeadline\b|\bhow (soon|early)\b|\bin advance\b|\bwhat year\b")]
    private static partial Regex TimeQuestion();

    [GeneratedRegex(@"^(and )?who\b|\bwho (do|should|can|is|are|to)\b|\bcontact\b|\bphone\b|\bnumber (of|for)\b|\bemail address\b|\bhotline\b")]
    private static partial Regex ContactQuestion();

    [GeneratedRegex(@"\b(who|whom|whose)\b")]
    private static partial Regex PersonQuestion();

    // "Who do I call", "who should we ask", "who is the contact for": the asker wants someone to contact, not a name from a text.
    [GeneratedRegex(@"\bwho (do|should|can|could|must|shall) (i|we)\b|\bwho to\b|\bcontact\b|\bphone\b|\bemail\b|\bhotline\b")]
    private static partial Regex AskerQuestion();

    [GeneratedRegex(@"\b(employees?|staff|colleagues?|contractors?|interns?|members?|everyone|anyone|people|workers?|visitors?|managers?|approvers?|owners?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PeopleGroup();

    [GeneratedRegex(@"\p{Lu}[\p{L}'’-]+")]
    private static partial Regex NameWord();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\bhow (do|can|should|would) (i|we|you)\b|\bhow to\b|\bwhat (do|should|must) (i|we) do\b|\bwhat should i\b|\bsteps?\b|\bprocess\b|\bwhere (do|can|should) (i|we)\b")]
    private static partial Regex ProcedureQuestion();

    [GeneratedRegex(@"^(and )?(can|could|may|do|does|is|are|am|must|should|will)\b")]
    private static partial Regex YesNoQuestion();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:[€$£]\s?)?\d+(?:[.,:]\d+)*(?:\s?%|\s?x\b)?")]
    private static partial Regex Figure();

    // Dates, clock times, periods, frequencies, and times stated relative to an event ("on your
    // first day of employment", "on the last working day of the month", "the next working day").
    // "May" is a month only capitalised inside a sentence or next to a day number ("1 May", "May
    // 2026"): matched case-insensitively, the modal verb ("the People Team may ask ...") read as a date.
    [GeneratedRegex(@"(?-i:(?<=\S )May)\b|\b\d{1,2}(?:st|nd|rd|th)? (?-i:May)\b|\b(?-i:May),? \d|\b(January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend|weekends)\b|\b\d{1,2}:\d{2}\b|\b(before|after|within|until|by|from|every|at least|no later than)\s+(the\s+)?\d+|\b\d+\s*(days?|weeks?|months?|years?|hours?|minutes?)\b|\b\d{3,4}\b|\b(immediately|daily|weekly|monthly|annually)\b|\b(first|last|next|final|same|following) (working |business |calendar )?(day|week|month|year)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimeExpression();

    [GeneratedRegex(@"\+\d[\d ]{6,}\d|[\w.+-]+@[\w-]+\.[\w.]+|https?://\S+|\bextension \d+|\b(team|desk|manager|helpdesk|hotline|officer|department|reception)\b|\b(?-i:\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)\b\.?$|\bgo(?:es)? to (?-i:\p{Lu})", RegexOptions.IgnoreCase)]
    private static partial Regex ContactExpression();

    [GeneratedRegex(@"\b(allowed|not allowed|must|may|may not|cannot|can|required|need|needs|only|never|not|no)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RuleExpression();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'-]*")]
    private static partial Regex Word();
}
