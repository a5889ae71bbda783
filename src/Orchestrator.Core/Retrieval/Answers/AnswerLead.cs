using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.Answers;

/// <summary>
/// Whether a quoted sentence can stand alone. "He is also the oldest quarterback ever to play in a
/// Super Bowl" answers "who" only together with the sentence before it, which names him; a quote
/// that refers back is given that sentence too, still verbatim and in order.
/// </summary>
internal static partial class AnswerLead
{
    /// <summary>
    /// True when the sentence refers back to the one before it: it opens with a pronoun or a
    /// demonstrative phrase ("He ...", "This is called ...", "As part of this merger, ..."), or names
    /// "these" things the previous sentence introduced ("... are treated using these devices").
    /// </summary>
    public static bool NeedsAntecedent(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return ContinuesPrevious(sentence) || TheseThings().IsMatch(sentence);
    }

    /// <summary>
    /// True when the sentence opens by referring back to the one before it, so that it continues
    /// that sentence: "It was re-established in April 1991.", "As such, it made ...", "In this way,
    /// they might be considered coercive.".
    /// </summary>
    public static bool ContinuesPrevious(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return (LeadingPronoun().IsMatch(sentence) && !NamesTheDocument().IsMatch(sentence)) || OpeningDemonstrative().IsMatch(sentence);
    }

    // Case-sensitive on purpose: only a sentence-initial pronoun refers back; "This" followed by a
    // noun ("This merger was ...") refers back as well, to whatever the previous sentence named.
    [GeneratedRegex(@"^(?:He|She|It|They|This|These|Those|His|Her|Its|Their|Such)\b")]
    private static partial Regex LeadingPronoun();

    // "This policy explains ...", "This guide describes ...": a demonstrative before a word for the
    // text itself points at the document being read, not at the sentence before it, so the
    // sentence stands alone (and is not glued to an unrelated one as its continuation).
    [GeneratedRegex(@"^(?:This|These) (?:policy|policies|document|documents|guide|guides|page|pages|section|sections|article|handbook|manual|procedure|standard|guideline|guidelines|chapter|overview|FAQ|notice)\b")]
    private static partial Regex NamesTheDocument();

    // A preposition or quantifier, up to two more words, then a demonstrative: "As such", "In
    // this way", "For this reason", "As part of this merger", "Most of these". A sentence that opens
    // on its own subject ("Employees receive these benefits") does not continue the one before.
    // "That" is left out: it is as often a conjunction ("Note that ...").
    // Prepositions of place and extent count as well: "Outside these hours an on-call engineer ...",
    // "Beyond this limit ...", "Within these teams ..." name what the sentence before set out.
    [GeneratedRegex(@"^(?:As|In|For|Because|Due|After|Before|Following|Despite|Under|With|By|At|Of|From|Through|During|Since|Given|Besides|Like|Unlike|Without|Outside|Inside|Beyond|Within|Throughout|Until|Above|Below|Over|Apart|Except|Most|Many|Some|All|Each|Both|None|Several)(?: \p{Ll}+){0,2} (?:this|these|those|such)\b")]
    private static partial Regex OpeningDemonstrative();

    // "These" before a word names things already introduced; "those" is left out, as it often
    // opens a description instead ("those who travel ...").
    [GeneratedRegex(@"\b[Tt]hese \p{Ll}")]
    private static partial Regex TheseThings();
}
