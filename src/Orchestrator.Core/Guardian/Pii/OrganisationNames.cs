namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Firms named after people, and companies named alone, which the person rules would otherwise take
/// for names: "Räsänen, Rantanen and Aaltonen" (a list of bare surnames with no first names among
/// them), "Gorczany - Feest", "Strömberg-Falk" (a lone double surname), "Bodnár és Fülöp Kft.",
/// "Saraiva EIRELI" (names before a legal form), "Bloomberg" (a listed company that is no common
/// name). Person spans inside such a firm are dropped, unless a title or a cue before the firm says it
/// is people after all ("our founders: Kónya, Becker and Vasquez", "Mrs. Smith-Jones"). Linear in
/// the number of words.
/// </summary>
internal static class OrganisationNames
{
    private const int MaxItemWords = 3;

    /// <summary>What joins the partners of a firm's name, in the languages of common legal forms.</summary>
    private static readonly string[] Joins = [", ", " and ", ", and ", " & ", " und ", " et ", " e ", " y ", " és ", " en ", " och ", " og ", " - ", " – ", " a "];

    /// <summary>Joins that English prose uses for people too ("Tom, Anna and Mike"); the others ("Berger et Nicolas", "Rohan - Herzog") join partners of a firm.</summary>
    private static readonly string[] EnglishJoins = [", ", " and ", ", and ", " & "];

    /// <summary>Removes the person spans that lie inside a firm's name.</summary>
    public static void RemoveFrom(string text, List<WordToken> tokens, PiiGazetteer gazetteer, List<PiiSpan> people)
    {
        if (people.Count == 0)
        {
            return;
        }

        people.RemoveAll(p => p.Value.All(c => !char.IsUpper(c)) && FirmLegalForms.LowerCaseFirm(text, p.Start + p.Length, p.Value));
        var firms = Find(text, tokens, gazetteer);
        if (firms.Count == 0)
        {
            return;
        }

        // A firm's list or legal form takes every name it touches; a company word only a person span
        // that is no more than that word ("by Leonardo da Vinci" keeps its name, though Vinci is a company).
        var inFirm = new bool[text.Length];
        var wholeFirm = new bool[text.Length];
        foreach (var (start, end, whole) in firms)
        {
            (whole ? wholeFirm : inFirm).AsSpan(start, end - start).Fill(true);
        }

        people.RemoveAll(p => inFirm.AsSpan(p.Start, p.Length).Contains(true) || !wholeFirm.AsSpan(p.Start, p.Length).Contains(false));
    }

    /// <summary>The character ranges of the firms' names in the text.</summary>
    internal static List<(int Start, int End, bool WholeOnly)> Find(string text, List<WordToken> tokens, PiiGazetteer gazetteer)
    {
        var firms = new List<(int, int, bool)>();
        var items = Items(text, tokens);
        var groupStart = 0;
        for (var k = 1; k <= items.Count; k++)
        {
            if (k < items.Count && IsJoin(text, tokens[items[k - 1].Last].End, tokens[items[k].First].Start, Joins))
            {
                continue;
            }

            if (IsFirm(text, tokens, items, groupStart, k, gazetteer, out var start, out var end, out var wholeOnly))
            {
                firms.Add((start, end, wholeOnly));
            }

            groupStart = k;
        }

        return firms;
    }

    private static bool IsFirm(string text, List<WordToken> tokens, List<(int First, int Last)> items, int from, int to, PiiGazetteer gazetteer, out int start, out int end, out bool wholeOnly)
    {
        var last = tokens[items[to - 1].Last];
        var legalEnd = LegalFormEnd(text, tokens, items[to - 1]);
        start = tokens[items[from].First].Start;
        end = Math.Max(last.End, legalEnd);
        wholeOnly = false;
        if (legalEnd > 0)
        {
            return true;
        }

        // "the contract between Facebook and Jokinen, Pitkänen and Aaltonen" (or "… and Index"): a
        // leading or trailing member that is no name is another party.
        while (to - from > 2 && !NameMember(NameShapes.Bare(tokens[items[from].First].Text), items[from], gazetteer))
        {
            from++;
        }

        while (to - from > 2 && !NameMember(NameShapes.Bare(tokens[items[to - 1].First].Text), items[to - 1], gazetteer))
        {
            to--;
            last = tokens[items[to - 1].Last];
            end = last.End;
        }

        start = tokens[items[from].First].Start;
        if (PersonCued(text, start))
        {
            return false;
        }

        // "Koskinen and Sons", "Petralia, Sabatino e Di Maio Group": the last member is the legal form itself.
        var lastItem = items[to - 1];
        if (to - from >= 2 && FirmLegalForms.Forms.Contains(NameShapes.Bare(tokens[lastItem.Last].Text)))
        {
            return true;
        }

        var count = to - from;
        var single = true;
        var firstNames = 0;
        var english = true;
        var nameMembers = true;
        for (var k = from; k < to; k++)
        {
            var word = NameShapes.Bare(tokens[items[k].First].Text);
            single &= items[k].First == items[k].Last;
            nameMembers &= NameMember(word, items[k], gazetteer);
            firstNames += gazetteer.FirstNames.Contains(word) && !gazetteer.Surnames.Contains(word) ? 1 : 0;
            english &= k == from || IsJoin(text, tokens[items[k - 1].Last].End, tokens[items[k].First].Start, EnglishJoins);
        }

        // A foreign or dashed join ("Rodriguez et Bonnet", "Dare - Schinner") names a firm even when a partner's name is also a word.
        single &= nameMembers || !english;

        if (count >= 2)
        {
            // "Tom, Anna and Mike" are people, and so are "Smith and Jones said"; "Lehtinen, Virtanen
            // and Mäkelä" with no one's first name is a firm. Every member must look like a name:
            // "However, Smith and Jones" is no firm. A foreign or dashed join makes a firm unless all are first names.
            return single && (english ? firstNames * 2 < count : firstNames < count) && !PersonCues.After.Contains(PersonContext.WordAfter(text, last.End));
        }

        var item = items[from];
        var phrase = text[start..(tokens[item.Last].Start + NameShapes.Bare(tokens[item.Last].Text).Length)];
        wholeOnly = true;
        return (item.First == item.Last && DoubleSurname(phrase, gazetteer)) || CompanyNames.IsCompanyNotName(gazetteer, phrase);
    }

    private static bool NameMember(string word, (int First, int Last) item, PiiGazetteer gazetteer) =>
        item.First == item.Last && (gazetteer.Surnames.Contains(word) || NameShapes.NameLike(gazetteer, word, loose: true));

    /// <summary>"Strömberg-Falk", "Ellis-Ingram": two capitalised names joined by a hyphen, the second no first name ("Jean-Pierre", "Anne-Marie" stay names).</summary>
    private static bool DoubleSurname(string word, PiiGazetteer gazetteer)
    {
        var parts = word.Split('-');
        return parts.Length == 2 && parts[0].Length > 1 && parts[1].Length > 1 && char.IsUpper(parts[0][0]) && char.IsUpper(parts[1][0])
            && !gazetteer.FirstNames.Contains(parts[1]) && !gazetteer.PeopleNames.Contains(parts[0] + "-" + parts[1]);
    }

    /// <summary>A title or a phrase that introduces people right before the group ("founders:", "Dear", "Mr.").</summary>
    private static bool PersonCued(string text, int start) =>
        PersonCues.TitleBefore(text, start) || PersonCues.EndsWithCue(text, start, PersonCues.Strong) || PersonCues.EndsWithCue(text, start, PersonCues.Weak);

    /// <summary>The end of a legal form that is the item's last word ("Fülöp Kft.") or follows it ("Saraiva EIRELI", "Tovar e Hijos"), or 0.</summary>
    private static int LegalFormEnd(string text, List<WordToken> tokens, (int First, int Last) item)
    {
        var lastWord = tokens[item.Last];
        if (item.Last > item.First && FirmLegalForms.IsForm(NameShapes.Bare(lastWord.Text)))
        {
            return lastWord.End + (Boundaries.CharAt(text, lastWord.End) == '.' ? 1 : 0);
        }

        return FirmLegalForms.EndAfter(text, lastWord.End);
    }

    /// <summary>Runs of up to three capitalised words on single spaces, as token index ranges.</summary>
    private static List<(int First, int Last)> Items(string text, List<WordToken> tokens) =>
        CapitalisedRuns.Find(text, tokens, MaxItemWords, IsItemWord);

    private static bool IsItemWord(WordToken token) => token.Text.Length > 1 && CapitalisedRuns.IsItemWord(token);

    private static bool IsJoin(string text, int end, int start, string[] joins)
    {
        if (start - end > 6 || start <= end)
        {
            return false;
        }

        var gap = text.AsSpan(end, start - end);
        foreach (var join in joins)
        {
            if (gap.SequenceEqual(join))
            {
                return true;
            }
        }

        return false;
    }
}
