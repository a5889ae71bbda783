namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// The fragment-aware exact score of <see cref="PiiTypeScore.JoinedRecall"/>: the Presidio data splits one address
/// into its parts ("28030", "Edeby 55", "Apt. 297", "99178", with the town and country as GPE between them), so an
/// exact score per fragment says little about a detector that finds the whole address. Here spans of one type that
/// only separators and the same side's other spans part are joined first, and trailing punctuation is trimmed.
/// </summary>
internal static class PiiFragments
{
    public static (double P, double R, double F) Score(
        List<string> texts, List<(int Row, string Type, int Start, int End)> gold, List<(int Row, string Type, int Start, int End)> predicted, string type)
    {
        var goldUnits = Join(texts, gold, type);
        var predictedUnits = Join(texts, predicted, type);
        var correct = predictedUnits.Count(goldUnits.Contains);
        return PiiEvaluator.Prf(correct, predictedUnits.Count, goldUnits.Count);
    }

    /// <summary>The joined, trimmed spans of <paramref name="type"/>, row by row.</summary>
    internal static HashSet<(int Row, int Start, int End)> Join(List<string> texts, List<(int Row, string Type, int Start, int End)> spans, string type)
    {
        var units = new HashSet<(int, int, int)>();
        foreach (var row in spans.GroupBy(s => s.Row))
        {
            var text = texts[row.Key];
            var covered = new bool[text.Length + 1];
            foreach (var s in row.Where(s => s.Type != type))
            {
                covered.AsSpan(s.Start, s.End - s.Start).Fill(true);
            }

            var ofType = row.Where(s => s.Type == type).OrderBy(s => s.Start).ToList();
            var k = 0;
            while (k < ofType.Count)
            {
                var start = ofType[k].Start;
                var end = ofType[k].End;
                k++;
                while (k < ofType.Count && OnlySeparators(text, covered, end, ofType[k].Start))
                {
                    end = Math.Max(end, ofType[k].End);
                    k++;
                }

                while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is '.' or ','))
                {
                    end--;
                }

                while (start < end && char.IsWhiteSpace(text[start]))
                {
                    start++;
                }

                units.Add((row.Key, start, end));
            }
        }

        return units;
    }

    /// <summary>True when every character from <paramref name="from"/> to <paramref name="to"/> is a separator or inside another span.</summary>
    private static bool OnlySeparators(string text, bool[] covered, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!covered[i] && (char.IsLetterOrDigit(text[i]) || text[i] is '(' or ')'))
            {
                return false;
            }
        }

        return true;
    }
}
