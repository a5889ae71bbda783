using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// A street written without a street type, as much of Europe writes it: one to three capitalised words, a
/// house number, a comma, then a town with its postcode before or after ("Hašlerova 4, Klatovy 518 04",
/// "Skovbrynet 98, Greve Strand 7364", "Za Jalovým Dvorem 766, 98594 Chlumec"). With no street type the
/// postcode is the evidence, so it is required; the last street word and the town must be no English word
/// ("Chapter 4, Table 2345", "Windows 10, Version 2004" stay out), the street no town ("Oslo 12, Bergen 45000")
/// and a four-digit code no year.
/// </summary>
internal static partial class StreetTownPostcode
{
    private const double Confidence = 0.7;

    public static void Collect(string text, List<PiiSpan> found)
    {
        if (!text.Contains(',', StringComparison.Ordinal))
        {
            return;
        }

        var gazetteer = PiiGazetteer.Shared;
        for (var m = Pattern().Match(text); m.Success; m = m.NextMatch())
        {
            if (!Boundaries.Bounded(text, m.Index, m.Length))
            {
                continue;
            }

            var street = m.Groups["street"].Value.Split(' ')[^1];
            var town = m.Groups["town1"].Success ? m.Groups["town1"].Value : m.Groups["town2"].Value;
            var code = m.Groups["code1"].Success ? m.Groups["code1"].Value : m.Groups["code2"].Value;
            if (IsWord(gazetteer, street) || gazetteer.Places.Contains(street) || town.Split(' ').All(w => IsWord(gazetteer, w)) || IsYear(code))
            {
                continue;
            }

            found.Add(new PiiSpan(PiiType.StreetAddress, m.Index, m.Length, m.Value) { Confidence = Confidence });
        }
    }

    private static bool IsWord(PiiGazetteer gazetteer, string word) =>
        gazetteer.EnglishWords.Contains(word) || PersonRules.NotNames.Contains(word);

    private static bool IsYear(string code) =>
        code.Length == 4 && code[0] is '1' or '2' && code[1] is '9' or '0';

    private const string Word = @"\p{Lu}[\p{L}'\-]*";
    private const string Code = @"[0-9]{3} [0-9]{2}|[0-9]{2}-[0-9]{3}|[0-9]{4,5}";

    [GeneratedRegex(
        $@"(?<street>({Word} ){{0,2}}{Word}) [0-9]{{1,4}}[A-Za-z]?(/[0-9]{{1,4}})?,[ \n]((?<town1>{Word}( {Word}){{0,2}}) (?<code1>{Code})|(?<code2>{Code}) (?<town2>{Word}( {Word}){{0,2}}))",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
