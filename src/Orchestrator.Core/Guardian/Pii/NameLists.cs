namespace Orchestrator.Guardian.Pii;

/// <summary>
/// The other members of a list that holds a person ("our founders: Kónya, Becker and White"): a
/// capitalised word joined to a found name by a comma or a conjunction is a name too, even when it
/// is also an ordinary word. Linear in the number of words.
/// </summary>
internal static class NameLists
{
    private const int MaxItemWords = 3;

    private static readonly string[] Separators = [", ", " and ", ", and ", " & ", " or ", ", or ", " y ", " und ", " et "];

    public static void Collect(string text, List<WordToken> tokens, List<PiiSpan> found)
    {
        if (found.Count == 0)
        {
            return;
        }

        var isPerson = new bool[text.Length];
        foreach (var span in found)
        {
            isPerson.AsSpan(span.Start, span.Length).Fill(true);
        }

        var items = Items(text, tokens);
        var groupStart = 0;
        for (var k = 1; k <= items.Count; k++)
        {
            if (k < items.Count && IsSeparator(text, items[k - 1].End, items[k].Start))
            {
                continue;
            }

            // items[groupStart..k] form one list.
            if (k - groupStart >= 2)
            {
                AddMembers(text, items, groupStart, k, isPerson, found);
            }

            groupStart = k;
        }
    }

    private static void AddMembers(string text, List<(int Start, int End)> items, int from, int to, bool[] isPerson, List<PiiSpan> found)
    {
        var seeded = false;
        for (var k = from; k < to && !seeded; k++)
        {
            seeded = isPerson.AsSpan(items[k].Start, items[k].End - items[k].Start).Contains(true);
        }

        // Every other member must look like a name itself (listed, a surname, or in no dictionary):
        // "Slack, Zoom, Chrome and Firefox" is no list of people because one product is unusual.
        var gazetteer = PiiGazetteer.Shared;
        for (var k = from; k < to && seeded; k++)
        {
            seeded = isPerson.AsSpan(items[k].Start, items[k].End - items[k].Start).Contains(true) || MemberLooksLikeName(gazetteer, text[items[k].Start..items[k].End]);
        }

        if (!seeded)
        {
            return;
        }

        for (var k = from; k < to; k++)
        {
            var (start, end) = items[k];
            // "Born in Simenqian, Leena Karjalainen": the word after a place preposition is the place, not a member.
            var placed = k == from && PersonCues.PlacePrepositions.Contains(PersonCues.WordBefore(text, start, out _));
            if (!placed && !isPerson.AsSpan(start, end - start).Contains(true))
            {
                found.Add(new PiiSpan(PiiType.Person, start, end - start, text[start..end]) { Confidence = 0.6 });
            }
        }
    }

    private static bool MemberLooksLikeName(PiiGazetteer gazetteer, string member) =>
        !gazetteer.IsPlaceNotName(member) && member.Split(' ').All(w => w.Length > 1 && !NameShapes.Acronym(w)
            && (gazetteer.IsPlainName(w) || gazetteer.Surnames.Contains(w) || gazetteer.FirstNames.Contains(w) || (gazetteer.IsUnusualWord(w) && NameShapes.SurnameShape(w))));

    /// <summary>Runs of up to three capitalised words (no stop words), as character ranges.</summary>
    private static List<(int Start, int End)> Items(string text, List<WordToken> tokens) =>
        CapitalisedRuns.Find(text, tokens, MaxItemWords, CapitalisedRuns.IsItemWord)
            .Select(r => (tokens[r.First].Start, tokens[r.Last].Start + NameShapes.Bare(tokens[r.Last].Text).Length))
            .ToList();

    private static bool IsSeparator(string text, int end, int start)
    {
        if (start - end > 6)
        {
            return false;
        }

        var gap = text.AsSpan(end, start - end);
        foreach (var separator in Separators)
        {
            if (gap.SequenceEqual(separator))
            {
                return true;
            }
        }

        return false;
    }
}
