using System.Text;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Folds the tricks that hide PII from pattern matching before detection: full-width and other
/// non-ASCII digits and letters (NFKC), zero-width and formatting characters (dropped), and the
/// Cyrillic/Greek letters that look like Latin ones. Written here rather than shared with the
/// rails' normaliser because detection needs an offset map back to the original text: a span found
/// in the folded text is reported at its original offsets with its original characters.
/// </summary>
internal static class PiiTextNormalizer
{
    /// <summary>Letters that render like ASCII ones; only those common in homoglyph attacks.</summary>
    private static readonly Dictionary<char, char> Confusables = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's',
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['Х'] = 'X', ['І'] = 'I',
        ['ο'] = 'o', ['α'] = 'a', ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N', ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Χ'] = 'X',
        ['\u2010'] = '-', ['\u2011'] = '-', ['\u2012'] = '-', ['\u2013'] = '-', ['\u2212'] = '-', ['\u00A0'] = ' ', ['\u2007'] = ' ', ['\u202F'] = ' ',
    };

    /// <summary>The folded text and, for each of its characters, the index of the original character it came from (plus one entry for the end).</summary>
    public static (string Text, int[] Map) Normalize(string text)
    {
        if (IsPlain(text))
        {
            return (text, []);
        }

        var builder = new StringBuilder(text.Length);
        var map = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsInvisible(c))
            {
                continue;
            }

            if (Confusables.TryGetValue(c, out var folded))
            {
                builder.Append(folded);
                map.Add(i);
            }
            else if (c is >= '\uFF01' and <= '\uFF5E')
            {
                // Full-width ASCII block: a fixed offset from the ASCII characters.
                builder.Append((char)(c - 0xFEE0));
                map.Add(i);
            }
            else if (char.IsDigit(c) && !char.IsAsciiDigit(c) && !char.IsSurrogate(c))
            {
                builder.Append((char)('0' + (int)char.GetNumericValue(c)));
                map.Add(i);
            }
            else
            {
                builder.Append(c);
                map.Add(i);
            }
        }

        map.Add(text.Length);
        return (builder.ToString(), map.ToArray());
    }

    /// <summary>Original offsets of a span [start, end) of the folded text.</summary>
    public static (int Start, int End) ToOriginal(int[] map, int start, int end) =>
        map.Length == 0 ? (start, end) : (map[start], map[end - 1] + 1);

    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007F')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
}
