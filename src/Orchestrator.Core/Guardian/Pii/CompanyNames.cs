using System.IO.Compression;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Company and brand names written as words (<c>Resources/companies.txt.gz</c>, from cspell's
/// companies dictionary; see THIRD-PARTY.md), loaded once on first use. Kept apart from
/// <see cref="PiiGazetteer"/>: it is only counter-evidence for a lone capitalised word.
/// </summary>
internal static class CompanyNames
{
    private static readonly Lazy<HashSet<string>> Names = new(Load);

    /// <summary>
    /// "Bloomberg", "Schwab", "Atlassian": a company name that is no SSA first name and no common
    /// Census surname, so that alone, without a title or a cue, it names the company rather than a person.
    /// </summary>
    public static bool IsCompanyNotName(PiiGazetteer gazetteer, string phrase) =>
        Names.Value.Contains(phrase) && !gazetteer.FirstNames.Contains(phrase) && !gazetteer.Surnames.Contains(phrase);

    private static HashSet<string> Load()
    {
        var assembly = typeof(CompanyNames).Assembly;
        using var stream = assembly.GetManifestResourceStream("pii/companies.txt.gz")
            ?? throw new InvalidOperationException($"Embedded resource pii/companies.txt.gz is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }
}
