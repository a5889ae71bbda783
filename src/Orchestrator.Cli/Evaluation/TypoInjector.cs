namespace Orchestrator.Cli.Evaluation;

/// <summary>
/// Seeded synthetic typos for <c>eval routing --typos</c>: in a chosen share of utterances, one or
/// two words of at least four lower-case letters get one edit each (swap two neighbours, drop,
/// insert or replace a letter). The same seed, rate and text always give the same noisy text, and
/// a text's noise does not depend on the other texts, so figures are reproducible.
/// </summary>
public static class TypoInjector
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>The <paramref name="index"/>-th test text with typos, or unchanged (with probability 1 - <paramref name="rate"/>).</summary>
    public static string Inject(string text, double rate, int seed, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        var random = new Random(unchecked((seed * 1_000_003) + index));
        if (random.NextDouble() >= rate)
        {
            return text;
        }

        var words = Words(text);
        if (words.Count == 0)
        {
            return text;
        }

        var changes = Math.Min(words.Count, 1 + random.Next(2));
        var chosen = words.OrderBy(_ => random.Next()).Take(changes).OrderByDescending(w => w.Start).ToList();
        var chars = text.ToCharArray().ToList();
        foreach (var (start, length) in chosen)
        {
            Edit(chars, start, length, random);
        }

        return new string([.. chars]);
    }

    private static void Edit(List<char> chars, int start, int length, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                var at = start + random.Next(length - 1);
                (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                if (chars[at] == chars[at + 1])
                {
                    chars.RemoveAt(at); // a swap of equal letters changes nothing: drop one instead
                }

                break;
            case 1:
                chars.RemoveAt(start + random.Next(length));
                break;
            case 2:
                chars.Insert(start + random.Next(length + 1), Letters[random.Next(Letters.Length)]);
                break;
            default:
                var position = start + random.Next(length);
                var replacement = Letters[random.Next(Letters.Length - 1)];
                chars[position] = replacement >= chars[position] ? (char)(replacement + 1) : replacement;
                break;
        }
    }

    /// <summary>Runs of four or more lower-case ASCII letters: ordinary words, not names, codes or numbers.</summary>
    private static List<(int Start, int Length)> Words(string text)
    {
        var words = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && text[i] is >= 'a' and <= 'z';
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                var wordStart = start;
                start = -1;
                var boundedBefore = wordStart == 0 || !char.IsLetterOrDigit(text[wordStart - 1]);
                var boundedAfter = i == text.Length || !char.IsLetterOrDigit(text[i]);
                if (i - wordStart >= 4 && boundedBefore && boundedAfter)
                {
                    words.Add((wordStart, i - wordStart));
                }
            }
        }

        return words;
    }
}
