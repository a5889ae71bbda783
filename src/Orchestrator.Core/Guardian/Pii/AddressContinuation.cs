using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Grows a street address over what belongs to it on either side: a house or building number just
/// before it ("17031 2202 Rissik St"), then units, localities, regions, countries and postcodes
/// after it, separated by commas or line breaks ("…, Apt. 641, Grubbenvorst, Netherlands 04020",
/// "…\n Suite 845\n Evionnaz\n Switzerland 05377"). A locality joined by a plain space counts only
/// when the clause ends after it, so a sentence that goes on ("… Street Jennifer said") is not
/// swallowed. Each step looks at a bounded window, so the whole pass is linear in the text.
/// </summary>
internal static partial class AddressContinuation
{
    private const int MaxSegments = 5;
    private const int Window = 80;

    public static void Extend(string text, List<PiiSpan> found)
    {
        for (var i = 0; i < found.Count; i++)
        {
            var span = found[i];
            if (span.Type != PiiType.StreetAddress)
            {
                continue;
            }

            var start = LeadingNumberStart(text, span.Start);
            var end = TrailingEnd(text, span.Start + span.Length);
            if (start != span.Start || end != span.Start + span.Length)
            {
                found[i] = span with { Start = start, Length = end - start, Value = text[start..end] };
            }
        }
    }

    /// <summary>"27534 Þorsteinsgata 63", "363 52 Huntly Street": a number right before the street belongs to the address.</summary>
    internal static int LeadingNumberStart(string text, int start)
    {
        if (start < 2 || text[start - 1] != ' ' || !char.IsAsciiDigit(text[start - 2]))
        {
            return start;
        }

        var i = start - 2;
        while (i > 0 && char.IsAsciiDigit(text[i - 1]) && start - i < 7)
        {
            i--;
        }

        return i == 0 || !char.IsLetterOrDigit(text[i - 1]) && text[i - 1] is not ('.' or ',' or ':' or '-' or '/' or '+') ? i : start;
    }

    private static int TrailingEnd(string text, int end)
    {
        for (var segment = 0; segment < MaxSegments; segment++)
        {
            var next = Separator(text, end, out var spaceOnly);
            if (next == end || next >= text.Length)
            {
                break;
            }

            var length = Math.Min(Window, text.Length - next);
            var (segmentLength, anyJoin) = Segment(text, next, length);
            var segmentEnd = next + segmentLength;
            if (segmentLength == 0 || (spaceOnly && !anyJoin && !ClauseEnds(text, segmentEnd)) || HasStopWord(text[next..segmentEnd]))
            {
                break;
            }

            end = segmentEnd;
        }

        return end;
    }

    /// <summary>
    /// The segment at <paramref name="at"/>: a postcode or a unit (which may follow a plain space), or
    /// a locality cut back to its last whole word ("London NW1 6XE": "London", then the postcode).
    /// </summary>
    private static (int Length, bool AnyJoin) Segment(string text, int at, int length)
    {
        foreach (var pattern in (ReadOnlySpan<Regex>)[Postcode(), Unit()])
        {
            var m = pattern.Match(text, at, length);
            if (m.Success && m.Index == at && Boundaries.Bounded(text, at, m.Length, '-'))
            {
                return (m.Length, true);
            }
        }

        var place = Locality().Match(text, at, length);
        if (!place.Success || place.Index != at)
        {
            return (0, false);
        }

        var cut = place.Length;
        while (cut > 0 && !Boundaries.Bounded(text, at, cut, '-'))
        {
            cut = place.Value.LastIndexOf(' ', cut - 1);
        }

        return (Math.Max(cut, 0), false);
    }

    /// <summary>Spaces, at most one comma on each side of at most one line break; returns the index after it.</summary>
    private static int Separator(string text, int i, out bool spaceOnly)
    {
        var start = i;
        spaceOnly = true;
        i = SkipSpaces(text, i);
        if (Boundaries.CharAt(text, i) == ',')
        {
            spaceOnly = false;
            i = SkipSpaces(text, i + 1);
        }

        if (Boundaries.CharAt(text, i) == '\r')
        {
            i++;
        }

        if (Boundaries.CharAt(text, i) == '\n')
        {
            spaceOnly = false;
            i = SkipSpaces(text, i + 1);
            if (Boundaries.CharAt(text, i) == ',')
            {
                i = SkipSpaces(text, i + 1);
            }
        }

        return i == start ? start : i;
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static bool ClauseEnds(string text, int i)
    {
        i = SkipSpaces(text, i);
        return i >= text.Length || text[i] is '.' or ',' or '\n' or '\r' or '!' or '?' or ')' or ';';
    }

    /// <summary>Days, months and words that start a new clause are never part of a locality.</summary>
    private static bool HasStopWord(string segment)
    {
        foreach (var word in segment.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (PersonRules.NotNames.Contains(word.TrimEnd('.')) && !PlaceWords.Contains(word.TrimEnd('.')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Place words that the name rules' stop list holds but a locality may contain ("North Vancouver", "San Pedro").</summary>
    private static readonly HashSet<string> PlaceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "north", "south", "east", "west", "new", "saint", "st", "mount", "lake", "river", "island", "park", "fort", "port", "san", "santa", "los", "las", "el", "city", "county", "state",
    };

    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    // 97477, 97477-1234, NW1 6XE, K1A 0B1, 00-950, 113 45.
    [GeneratedRegex(@"([A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}|[0-9]{4,6}(-[0-9]{4})?|[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]|[0-9]{2}-[0-9]{3}|[0-9]{3} [0-9]{2})", Options)]
    private static partial Regex Postcode();

    [GeneratedRegex(@"((Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Rm|Room|Bldg|Building)\.? ?#?[0-9]{1,5}[A-Za-z]?|#[0-9]{1,5}[A-Za-z]?)", Options | RegexOptions.IgnoreCase)]
    private static partial Regex Unit();

    // "Evionnaz", "Switzerland 05377", "St Georges", "QC 54256", "Torroella de Montgrí", "Ostrov nad Ohrí", "nan", "16518", "SW1A 1AA".
    [GeneratedRegex(@"((\p{Lu}[\p{L}'\-]*\.?)( (\p{Lu}[\p{L}'\-]*\.?|de|del|la|le|nad|am|an|sur|en|na|di|da|do|dos|das|van|von|upon|on|im|bei)){0,4}( [0-9]{3,6})?|nan)", Options)]
    private static partial Regex Locality();
}
