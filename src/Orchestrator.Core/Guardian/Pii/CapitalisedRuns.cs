namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Runs of capitalised words joined by single spaces, the items of a list of names ("Räsänen,
/// Rantanen and Aaltonen", "Tom, Anna and Mike"). Shared by the list-of-people and the
/// firm-of-surnames rules so both read the same items.
/// </summary>
internal static class CapitalisedRuns
{
    /// <summary>A word that can be part of a listed name: capitalised, no number, no title, not a word that is never a name.</summary>
    public static bool IsItemWord(WordToken token) =>
        token.IsCapitalized && !token.IsNumber && !PersonRules.NotNames.Contains(NameShapes.Bare(token.Text)) && !PersonCues.Titles.Contains(token.Text);

    /// <summary>Runs of up to <paramref name="maxWords"/> words that pass <paramref name="isItemWord"/>, as token index ranges.</summary>
    public static List<(int First, int Last)> Find(string text, List<WordToken> tokens, int maxWords, Func<WordToken, bool> isItemWord)
    {
        var items = new List<(int, int)>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (!isItemWord(tokens[i]))
            {
                i++;
                continue;
            }

            var k = i + 1;
            while (k < tokens.Count && k - i < maxWords && isItemWord(tokens[k]) && text.AsSpan(tokens[k - 1].End, tokens[k].Start - tokens[k - 1].End) is " ")
            {
                k++;
            }

            items.Add((i, k - 1));
            i = k;
        }

        return items;
    }
}
