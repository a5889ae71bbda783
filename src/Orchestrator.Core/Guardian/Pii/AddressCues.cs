namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Addresses that the street-shape rules cannot see ("Trivo lives on Grössgstötten 50 street",
/// "the corner of Dalbraut 99 and Frederikke Coves", "address:\n947 trg revolucije 17 apt. 858"):
/// after a phrase that introduces a place where someone lives or is met, the clause that follows is
/// an address when it holds a house number near its start and a street word that is no stop word.
/// The clause ends at sentence punctuation, a line break (unless the cue is a label), or a word that
/// starts a new clause, and is at most <see cref="MaxWords"/> words, so the pass stays linear.
/// </summary>
internal static class AddressCues
{
    private const int MaxWords = 12;
    private const int MaxNumberPosition = 4;

    /// <summary>Phrases, lower-case and matched at the end of the text before, that introduce an address.</summary>
    internal static readonly string[] Cues =
    [
        "lives on", "lives at", "live on", "live at", "living on", "living at", "lived on", "lived at", "resides at", "reside at", "residing at",
        "address is", "address:", "addr:", "address", "located at", "corner of", "meet me at", "meet us at", "deliver to", "deliver it to", "ship to", "ship it to",
        "send it to", "mail it to", "moved to", "drops you off at", "drop me off at", "drop you off at", "pick me up at", "pick you up at", "enter on", "taxi to",
        "office is at", "is located on", "headquartered at", "based at", "home at", "house at", "apartment at", "flat at", "stay at", "staying at",
        "pick me up from", "pick up from", "picked up from", "collect it from", "return it to", "post it to", "mail to", "office:", "visit us at", "find us at", "store at", "shop at",
    ];

    /// <summary>Words that end the clause that holds the address.</summary>
    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "for", "please", "tomorrow", "today", "tonight", "near", "next", "opposite", "behind", "beside", "across", "at", "by", "when", "if", "because", "since", "until", "before", "after", "but", "so", "then", "which", "who", "where",
        "and", "or", "is", "was", "are", "will", "can", "the", "from", "with", "to", "in", "on", "am", "pm", "o'clock", "minutes", "hours", "days", "percent",
        "i", "you", "he", "she", "we", "they", "it", "my", "your", "his", "her", "our", "their",
    };

    public static void Collect(string text, List<WordToken> tokens, List<PiiSpan> found)
    {
        // Where a street-shape rule already found the address, its end is the better one ("I live
        // at 221 Baker Street Jennifer said": the clause runs on, the street does not).
        var shaped = new bool[text.Length];
        foreach (var span in found)
        {
            if (span.Type == PiiType.StreetAddress)
            {
                shaped.AsSpan(span.Start, span.Length).Fill(true);
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (shaped[tokens[i].Start])
            {
                continue;
            }

            if (!PersonCues.EndsWithCue(text, tokens[i].Start, Cues, window: 32) && !LabelAbove(text, tokens[i].Start))
            {
                continue;
            }

            // "the billing address with 27534 …": the clause starts after its linking word.
            if (ClauseWords.Contains(tokens[i].Text))
            {
                continue;
            }

            var corner = PersonCues.EndsWithCue(text, tokens[i].Start, ["corner of"]);
            var last = ClauseEnd(text, tokens, i, corner);
            if (last < i || !LooksLikeAddress(tokens, i, last))
            {
                continue;
            }

            var start = tokens[i].Start;
            var end = tokens[last].End;
            found.Add(new PiiSpan(PiiType.StreetAddress, start, end - start, text[start..end]) { Confidence = 0.65 });
            i = last;
        }
    }

    /// <summary>"Address:\n106 rúa olmos 44": the line above is an address label.</summary>
    private static bool LabelAbove(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] is ' ' or '\t' or '\r')
        {
            i--;
        }

        if (i < 0 || text[i] != '\n')
        {
            return false;
        }

        return PersonCues.EndsWithCue(text, i, ["address:", "address", "home address:", "billing address:", "shipping address:"], window: 32);
    }

    /// <summary>The index of the last word of the clause that starts at <paramref name="first"/>; "and" joins the two streets of a corner.</summary>
    private static int ClauseEnd(string text, List<WordToken> tokens, int first, bool corner)
    {
        var last = first;
        for (var k = first + 1; k < tokens.Count && k - first < MaxWords; k++)
        {
            var gap = text.AsSpan(tokens[k - 1].End, tokens[k].Start - tokens[k - 1].End);
            var abbreviation = gap.Length > 0 && gap[0] == '.' && tokens[k - 1].Text.Length <= 4 && !tokens[k - 1].IsNumber;
            var gapOk = gap is " " or ", " or " - " || (abbreviation && gap is ". " or ".");
            var word = tokens[k].Text;
            var joins = corner && word == "and" && k + 1 < tokens.Count;
            if (!gapOk || (!joins && ClauseWords.Contains(word)))
            {
                break;
            }

            if (joins)
            {
                corner = false;
            }

            last = k;
        }

        // A dangling "and" never ends an address; nor does a bare street word after the house
        // number ("lives on Via Tasso 129 street"), which names the kind of place, not the place.
        if (tokens[last].Text == "and" || (last > first + 1 && tokens[last - 1].IsNumber && tokens[last].Text.ToLowerInvariant() is "street" or "st" or "road" or "avenue"))
        {
            last--;
        }

        return last;
    }

    /// <summary>A house number among the first words, and a word of at least two letters that is not a unit of time.</summary>
    private static bool LooksLikeAddress(List<WordToken> tokens, int first, int last)
    {
        var number = false;
        var word = false;
        for (var k = first; k <= last; k++)
        {
            var token = tokens[k];
            if (token.IsNumber)
            {
                number |= k - first < MaxNumberPosition && token.Text.Length <= 6;
            }
            else if (token.Text.Length >= 2 && !ClauseWords.Contains(token.Text))
            {
                word = true;
            }
        }

        return number && word && last > first;
    }
}
