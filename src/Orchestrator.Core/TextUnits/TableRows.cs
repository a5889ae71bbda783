namespace Orchestrator.TextUnits;

/// <summary>Markdown table rows rewritten as the sentences extractive answers quote.</summary>
internal static class TableRows
{
    /// <summary>
    /// A Markdown table row ("| Pension | Auto-enrolment at 4% ... |") is one statement, and
    /// extractive answers quote it as "Pension: Auto-enrolment at 4% ...". Without this the row runs
    /// into its neighbours as one long "sentence", and the best-matching support for an answer that
    /// quotes the row is some other sentence that lacks its figures.
    /// </summary>
    public static string AsSentences(string text)
    {
        if (!text.Contains('|', StringComparison.Ordinal))
        {
            return text;
        }

        // Readers flatten a table onto one line, "| a | b | |---|---| | c | d |": rows meet at "| |".
        var lines = text.Split('\n')
            .SelectMany(l => l.Trim() is ['|', .., '|'] row ? row.Split("| |").Select(r => "|" + r.Trim().Trim('|') + "|") : [l])
            .ToArray();
        // Each row reads as the answer quotes it: "first: second; header: cell; ...".
        List<string> header = [];
        for (var i = 0; i < lines.Length; i++)
        {
            if (!IsRow(lines[i]))
            {
                continue;
            }

            var cells = lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
            if (cells.All(c => c.Length == 0 || c.All(ch => ch is '-' or ':')))
            {
                lines[i] = ""; // the separator row
                continue;
            }

            if (i + 1 < lines.Length && IsRow(lines[i + 1]) && lines[i + 1].Trim().Trim('|').Split('|').All(c => c.Trim().All(ch => ch is '-' or ':')))
            {
                header = cells;
                lines[i] = string.Join(": ", cells.Where(c => c.Length > 0)) + ".";
                continue;
            }

            var row = cells.Count == 1 ? cells[0] : $"{cells[0]}: {cells[1]}";
            for (var c = 2; c < cells.Count; c++)
            {
                if (cells[c].Length > 0)
                {
                    row += c < header.Count && header[c].Length > 0 ? $"; {header[c]}: {cells[c]}" : $"; {cells[c]}";
                }
            }

            lines[i] = row + ".";
        }

        return string.Join('\n', lines);
    }

    private static bool IsRow(string line) => line.Trim() is ['|', .., '|'] and { Length: > 2 };
}
