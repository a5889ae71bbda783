using System.Text.RegularExpressions;

namespace Orchestrator.Retrieval.Answers;

/// <summary>
/// Whether an answer's first sentence can stand alone. "He is also the oldest quarterback ever to
/// play in a Super Bowl" answers "who" only together with the sentence before it, which names him;
/// a quote that opens with such a pronoun is given that sentence too, still verbatim and in order.
/// </summary>
internal static partial class AnswerLead
{
    public static bool NeedsAntecedent(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return LeadingPronoun().IsMatch(sentence);
    }

    // Case-sensitive on purpose: only a sentence-initial pronoun refers back; "This" followed by a
    // noun ("This policy applies ...") refers back as well, to whatever the previous sentence named.
    [GeneratedRegex(@"^(?:He|She|It|They|This|These|Those|His|Her|Its|Their|Such)\b")]
    private static partial Regex LeadingPronoun();
}
